/**
 * Attention variants behind one interface, {@link org.attentionsuite.core.attention.Attention}. A
 * variant computes {@code softmax(mask(QKᵀ/√Dh))·V} per head from the projected
 * {@code qkv (B·L, 3D)} and is chosen by its spec record ({@link
 * org.attentionsuite.core.attention.AttentionSpec}), never by a string. The core ships {@link
 * org.attentionsuite.core.attention.FullCausalAttention}; local and relative variants live in the image
 * and music modules, whose catalogues ({@code ImageAttention}, {@code MusicAttention}) are the only
 * places where a name becomes a variant.
 */
package org.attentionsuite.core.attention;

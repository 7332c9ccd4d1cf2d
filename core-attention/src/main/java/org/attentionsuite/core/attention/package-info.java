/**
 * Attention variants behind one interface, {@link org.attentionsuite.core.attention.Attention}. A
 * variant computes {@code softmax(mask(QKᵀ/√Dh))·V} per head from the projected
 * {@code qkv (B·L, 3D)} and is chosen by its spec record ({@link
 * org.attentionsuite.core.attention.AttentionSpec}), never by a string. The core ships {@link
 * org.attentionsuite.core.attention.FullCausalAttention} and {@link
 * org.attentionsuite.core.attention.CrossAttention}; local and relative variants live in the image
 * and music modules.
 */
package org.attentionsuite.core.attention;

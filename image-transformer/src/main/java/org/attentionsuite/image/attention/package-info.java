/**
 * Local self-attention of the Image Transformer (Parmar et al. 2018, §3.3), behind the core
 * {@link org.attentionsuite.core.attention.Attention} interface and chosen by spec record:
 * {@link org.attentionsuite.image.attention.LocalAttention1d.Spec} (query blocks of the flattened
 * sequence attending to the previous blocks) and
 * {@link org.attentionsuite.image.attention.LocalAttention2d.Spec} (query rectangles of a
 * block-raster ordered image attending to a flanged memory rectangle). Both cost
 * {@code O(L·window)} in training and {@code O(window)} per decoded position.
 */
package org.attentionsuite.image.attention;

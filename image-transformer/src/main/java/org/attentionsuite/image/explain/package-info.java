/**
 * Where an Image Transformer looks: {@link org.attentionsuite.image.explain.ImageAttentionPicture}
 * draws, for one pixel of an image, the attention of every layer and head over the pixels before it.
 */
package org.attentionsuite.image.explain;

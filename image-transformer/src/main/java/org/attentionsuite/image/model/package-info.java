/**
 * The Image Transformer as a configuration of the core decoder (Parmar et al. 2018): the order in
 * which an image becomes a sequence ({@link org.attentionsuite.image.model.ImageOrder}), learned
 * row/column/channel position embeddings ({@link org.attentionsuite.image.model.ImagePositions}), and
 * {@link org.attentionsuite.image.model.ImageModels}, which builds the model config for an image
 * geometry, an attention variant and a {@link org.attentionsuite.core.model.ModelSize}.
 */
package org.attentionsuite.image.model;

/**
 * The decoder-only Transformer: a validated {@link org.attentionsuite.core.model.ModelConfig}
 * (with named sizes, {@link org.attentionsuite.core.model.ModelSize}), pre- and post-norm blocks,
 * {@link org.attentionsuite.core.model.DecoderModel} with forward, backward and incremental
 * decoding, and what a model's tokens mean ({@link org.attentionsuite.core.model.TokenScheme}) with
 * the unit its losses are reported in ({@link org.attentionsuite.core.model.LossUnit}).
 */
package org.attentionsuite.core.model;

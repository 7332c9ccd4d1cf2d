/**
 * The decoder-only Transformer: a validated {@link org.attentionsuite.core.model.ModelConfig}
 * (with named {@link org.attentionsuite.core.model.Preset}s), pre- and post-norm blocks, and
 * {@link org.attentionsuite.core.model.DecoderModel} with forward, backward and incremental
 * decoding.
 */
package org.attentionsuite.core.model;

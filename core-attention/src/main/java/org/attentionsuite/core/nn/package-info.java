/**
 * Layers with explicit {@code forward} and {@code backward}: linear, layer norm, feed-forward,
 * embeddings, position encodings and dropout. Layers own parameters (views of one flat buffer, see
 * {@link org.attentionsuite.core.nn.Params}) but not activations: callers pass the buffers, so the
 * same layer serves a training batch and a one-token decoding step.
 */
package org.attentionsuite.core.nn;

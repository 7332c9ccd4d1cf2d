/**
 * The shared decoder-only Transformer of the suite: a hand-written forward/backward engine on ND4J
 * memory ({@link org.attentionsuite.core.tensor}), layers ({@link org.attentionsuite.core.nn}),
 * attention variants behind one interface ({@link org.attentionsuite.core.attention}), the model
 * ({@link org.attentionsuite.core.model}), training ({@link org.attentionsuite.core.train}),
 * checkpoints ({@link org.attentionsuite.core.checkpoint}) and sampling
 * ({@link org.attentionsuite.core.sample}).
 *
 * <p>Dimension legend used in shape comments throughout: {@code B} batch, {@code L} sequence length,
 * {@code N = B·L} rows, {@code D} model width, {@code H} heads, {@code Dh = D/H} head width,
 * {@code F} feed-forward width, {@code V} vocabulary, {@code P} parameter count.
 */
package org.attentionsuite.core;

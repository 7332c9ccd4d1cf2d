/**
 * Checkpoints: weights, optimizer state, model and training config, step, best validation loss
 * and provenance (seed, data fingerprint, version) in one zip file, written atomically (temp file
 * + rename) so an interrupted save never damages the previous checkpoint; and
 * {@link org.attentionsuite.core.checkpoint.NpzExport}, a model's weights as NumPy arrays with
 * PyTorch-style names for other tools.
 */
package org.attentionsuite.core.checkpoint;

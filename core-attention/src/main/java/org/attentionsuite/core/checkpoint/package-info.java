/**
 * Checkpoints: the file format ({@link org.attentionsuite.core.checkpoint.Checkpoint}: weights,
 * optimizer state, model and training config, step, best validation loss and provenance in one zip
 * file with checksums, written atomically so an interrupted save never damages the previous
 * checkpoint), the array codec ({@link org.attentionsuite.core.checkpoint.Dtype}), the logical type
 * names of polymorphic configs ({@link org.attentionsuite.core.checkpoint.JsonTypes}), and
 * {@link org.attentionsuite.core.checkpoint.NpzExport}, a model's weights as NumPy arrays with
 * PyTorch-style names for other tools. What a training run saves and how it resumes is
 * {@code core.train}'s, which uses this package; this package never uses it.
 */
package org.attentionsuite.core.checkpoint;

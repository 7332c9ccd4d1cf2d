/**
 * Checkpoints: weights, optimizer state, model and training config, step, best validation loss
 * and provenance (seed, data fingerprint, version) in one zip file, written atomically (temp file
 * + rename) so an interrupted save never damages the previous checkpoint.
 */
package org.attentionsuite.core.checkpoint;

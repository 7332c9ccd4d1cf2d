/**
 * Training: a small loop ({@link org.attentionsuite.core.train.Trainer}) over a {@link
 * org.attentionsuite.core.train.DataSource}, Adam with clipping and warm-up schedules, and
 * behaviour in listeners (progress line, evaluation, checkpoints: {@link
 * org.attentionsuite.core.train.CheckpointListener}, saving and resuming through {@link
 * org.attentionsuite.core.train.TrainingCheckpoint}). Each step draws its batch and
 * dropout from generators seeded by {@code (seed, step)}, so a resumed run repeats an uninterrupted
 * one exactly.
 */
package org.attentionsuite.core.train;

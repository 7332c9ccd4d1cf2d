/**
 * Training the Music Transformer (Huang et al. 2018) on the suite's core: the options of a run
 * ({@link org.attentionsuite.music.train.MusicTrainingOptions}, whose defaults are those of
 * {@code music train}), where the music comes from ({@link org.attentionsuite.music.train.MusicSource}),
 * data with the paper's augmentation and held-out validation
 * ({@link org.attentionsuite.music.train.PerformanceData},
 * {@link org.attentionsuite.music.train.ChoraleData}), and the training task that the command
 * line, the comparisons and the demo run ({@link org.attentionsuite.music.train.MusicTraining}). The
 * model configurations are {@link org.attentionsuite.music.model.MusicModels}'.
 */
package org.attentionsuite.music.train;

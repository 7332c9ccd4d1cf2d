/**
 * Training the Music Transformer (Huang et al. 2018) on the suite's core: model configurations
 * for performance events and JSB chorales ({@link org.attentionsuite.music.train.MusicModels}),
 * data sources with the paper's augmentation and held-out validation
 * ({@link org.attentionsuite.music.train.PerformanceData},
 * {@link org.attentionsuite.music.train.ChoraleData}), and one training function that the
 * command line and the demo call ({@link org.attentionsuite.music.train.MusicTraining}).
 */
package org.attentionsuite.music.train;

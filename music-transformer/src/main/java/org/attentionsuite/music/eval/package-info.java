/**
 * Judging music beyond likelihood: {@link org.attentionsuite.music.eval.ChoraleStatistics} (voicing
 * in SATB ranges and order, pitch-class distributions) for sampled and real chorales.
 */
package org.attentionsuite.music.eval;

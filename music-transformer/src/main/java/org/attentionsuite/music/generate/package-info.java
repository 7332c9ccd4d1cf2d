/**
 * Sampling music from a checkpoint alone: from scratch or continuing a primer, with temperature,
 * top-k and nucleus sampling, PAD forbidden, stopping at EOS, and output as MIDI, a piano-roll
 * PNG and a WAV ({@link org.attentionsuite.music.generate.MusicGenerator}).
 */
package org.attentionsuite.music.generate;

/**
 * The performance representation of the Music Transformer (Huang et al. 2018, section 4.1.1,
 * after Oore et al. 2018): 128 NOTE_ON, 128 NOTE_OFF, 100 TIME_SHIFT (10 ms .. 1 s) and 32
 * VELOCITY events, plus PAD and EOS, 390 ids in all; the encoder between note sequences and
 * event ids; the paper's data augmentation; and a corpus of encoded MIDI files with random
 * training crops.
 */
package org.attentionsuite.music.performance;

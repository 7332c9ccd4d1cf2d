/**
 * Output for listening and looking: {@link org.attentionsuite.music.render.WavRenderer} plays
 * notes through the JDK's software synthesizer (Gervill) into a 16-bit stereo 44.1 kHz WAV file,
 * and {@link org.attentionsuite.music.render.PianoRoll} draws a piano-roll PNG. Both write their
 * files atomically.
 */
package org.attentionsuite.music.render;

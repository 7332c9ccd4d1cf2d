/**
 * Music data and IO for the Music Transformer (Huang et al. 2018): MIDI reading and writing,
 * the performance event encoding, the JSB chorale dataset, audio and piano-roll rendering, and a
 * small bundled corpus. Nothing here depends on the neural engine.
 *
 * <p>Sub-packages:
 * <ul>
 *   <li>{@link org.attentionsuite.music.midi}: notes, note sequences, MIDI files;</li>
 *   <li>{@link org.attentionsuite.music.performance}: the 390-event performance vocabulary,
 *       encoder, augmentation and training corpus;</li>
 *   <li>{@link org.attentionsuite.music.chorale}: the Coconet JSB chorale grid and its tokens;</li>
 *   <li>{@link org.attentionsuite.music.render}: WAV and piano-roll PNG output;</li>
 *   <li>{@link org.attentionsuite.music.bundled}: the bundled Freedoom songs.</li>
 * </ul>
 *
 * <p>Bad input files raise {@link org.attentionsuite.music.MusicDataException} with one line
 * naming the file; files are always written atomically through {@link
 * org.attentionsuite.core.io.AtomicFiles}.
 */
package org.attentionsuite.music;

/**
 * Notes, note sequences and standard MIDI files.
 *
 * <p>{@link org.attentionsuite.music.midi.MidiReader} turns a MIDI file into a {@link
 * org.attentionsuite.music.midi.NoteSequence} in seconds (tempo map, sustain pedal, drums
 * dropped); {@link org.attentionsuite.music.midi.MidiWriter} writes one back as a format 1 file
 * at 480 ticks per quarter note and 120 beats per minute. The reader parses the file itself
 * ({@code SmfParser}), so every byte of a file from a user is checked; {@link
 * org.attentionsuite.music.midi.SmfBytes} writes files byte by byte for tests and fuzzing.
 */
package org.attentionsuite.music.midi;

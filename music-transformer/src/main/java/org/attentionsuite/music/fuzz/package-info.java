/**
 * Fuzzing of the MIDI reader: {@link org.attentionsuite.music.fuzz.MidiSeedCorpus} writes small
 * valid MIDI files of the forms found in the wild, {@link org.attentionsuite.music.fuzz.MidiFuzzTarget}
 * reads an input as training does and states the invariant (notes, or one {@code MusicDataException}
 * line). The engine is {@link org.attentionsuite.core.fuzz.Fuzzer}.
 */
package org.attentionsuite.music.fuzz;

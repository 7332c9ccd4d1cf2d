package org.attentionsuite.music.generate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * A sample and the files written for it.
 *
 * @param sample    the tokens
 * @param notes     their decoded notes
 * @param midi      the MIDI file
 * @param pianoRoll the piano-roll PNG
 * @param wav       the WAV, unless it was not asked for
 */
public record GeneratedMusic(Sample sample, NoteSequence notes, Path midi, Path pianoRoll, Optional<Path> wav) {
    /** The files written, MIDI first. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>(List.of(midi, pianoRoll));
        wav.ifPresent(out::add);
        return List.copyOf(out);
    }
}

package org.attentionsuite.music.fuzz;

import org.attentionsuite.core.fuzz.FuzzTarget;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.PerformanceEncoder;

/**
 * Reads an input as a training run reads a MIDI file from a user's folder: {@link
 * MidiReader#parse} then {@link PerformanceEncoder#encode}. The invariant: the input decodes, or
 * it is rejected with a {@link MusicDataException} whose message is one line starting with the
 * input's name ({@value #NAME}).
 */
public final class MidiFuzzTarget implements FuzzTarget {

    /** The name under which inputs are read, the start of every expected error message. */
    public static final String NAME = "fuzz-input.mid";

    @Override
    public void run(byte[] input) {
        NoteSequence notes = MidiReader.parse(input, NAME);
        PerformanceEncoder.encode(notes);
    }

    @Override
    public boolean isRejection(Throwable thrown) {
        return FuzzTarget.isOneLineError(thrown, MusicDataException.class, NAME + ": ");
    }

    @Override
    public String extension() {
        return ".mid";
    }
}

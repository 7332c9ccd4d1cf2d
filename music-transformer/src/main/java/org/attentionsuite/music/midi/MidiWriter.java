package org.attentionsuite.music.midi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;

/**
 * Writes a {@link NoteSequence} as a standard MIDI file: format 1, {@value #RESOLUTION} ticks
 * per quarter note, a constant 120 beats per minute (so one second is {@value #TICKS_PER_SECOND}
 * ticks). Track 0 holds the tempo; then there is one track per channel used, in ascending
 * channel order. Each note is written on its own channel with its own program (a program change
 * is emitted whenever the program of a channel changes), unless a program per track is given.
 * Files are written atomically (temporary file, then atomic move).
 */
public final class MidiWriter {

    /** Ticks per quarter note. */
    public static final int RESOLUTION = 480;
    /** Microseconds per quarter note: 120 bpm. */
    public static final int MICROS_PER_QUARTER = 500_000;
    /** Ticks per second at {@value #RESOLUTION} ticks per quarter and 120 bpm. */
    public static final int TICKS_PER_SECOND = RESOLUTION * 1_000_000 / MICROS_PER_QUARTER;

    private static final int MIDI_FILE_FORMAT = 1;
    private static final int ORDER_PROGRAM = 0;
    private static final int ORDER_OFF = 1;
    private static final int ORDER_ON = 2;

    private record Timed(long tick, int order, MidiMessage message) {
    }

    private MidiWriter() {
    }

    /**
     * Writes the notes with their own channels and programs.
     *
     * @param notes the notes to write
     * @param file the target file, replaced atomically
     */
    public static void write(NoteSequence notes, Path file) {
        Sequence sequence = toSequence(notes);
        writeSequence(sequence, file);
    }

    /**
     * Writes the notes with one program per track, overriding the notes' own programs.
     *
     * @param notes the notes to write
     * @param file the target file, replaced atomically
     * @param programPerTrack the program of each note track, in ascending channel order; as many
     *     as {@code notes.channels()} has entries
     */
    public static void write(NoteSequence notes, Path file, int... programPerTrack) {
        writeSequence(toSequence(notes, programPerTrack), file);
    }

    /**
     * Writes an already built sequence atomically as a MIDI file of format 1.
     *
     * @param sequence the sequence
     * @param file the target file
     */
    public static void writeSequence(Sequence sequence, Path file) {
        AtomicFiles.write(file, out -> MidiSystem.write(sequence, MIDI_FILE_FORMAT, out));
    }

    /**
     * Builds the MIDI sequence for the notes with their own channels and programs.
     *
     * @param notes the notes
     * @return a new sequence, {@value #RESOLUTION} ticks per quarter at 120 bpm
     */
    public static Sequence toSequence(NoteSequence notes) {
        return build(notes, null);
    }

    /**
     * Builds the MIDI sequence with one program per track.
     *
     * @param notes the notes
     * @param programPerTrack the program of each note track, in ascending channel order
     * @return a new sequence, {@value #RESOLUTION} ticks per quarter at 120 bpm
     */
    public static Sequence toSequence(NoteSequence notes, int... programPerTrack) {
        int tracks = notes.channels().length;
        if (programPerTrack.length != tracks) {
            throw new UserError("programPerTrack has " + programPerTrack.length
                    + " entries but the notes use " + tracks + " channels (tracks)");
        }
        for (int program : programPerTrack) {
            if (program < 0 || program > 127) {
                throw new UserError("program (" + program + ") must be in 0..127");
            }
        }
        return build(notes, programPerTrack.clone());
    }

    /**
     * @param seconds a time in seconds
     * @return the nearest tick at 120 bpm and {@value #RESOLUTION} ticks per quarter
     */
    public static long ticks(double seconds) {
        return Math.round(seconds * TICKS_PER_SECOND);
    }

    private static Sequence build(NoteSequence notes, int[] programPerTrack) {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, RESOLUTION);
            Track tempoTrack = sequence.createTrack();
            byte[] tempo = {(byte) (MICROS_PER_QUARTER >> 16), (byte) (MICROS_PER_QUARTER >> 8),
                    (byte) MICROS_PER_QUARTER};
            tempoTrack.add(new MidiEvent(
                    new MetaMessage(TempoMap.TEMPO_META_TYPE, tempo, tempo.length), 0));
            int[] channels = notes.channels();
            for (int t = 0; t < channels.length; t++) {
                int channel = channels[t];
                int fixedProgram = programPerTrack == null ? -1 : programPerTrack[t];
                List<Timed> events = channelEvents(notes, channel, fixedProgram);
                events.sort(Comparator.comparingLong(Timed::tick).thenComparingInt(Timed::order));
                Track track = sequence.createTrack();
                for (Timed event : events) {
                    track.add(new MidiEvent(event.message(), event.tick()));
                }
            }
            return sequence;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("validated note produced invalid MIDI data", e);
        }
    }

    private static List<Timed> channelEvents(NoteSequence notes, int channel, int fixedProgram)
            throws InvalidMidiDataException {
        List<Timed> events = new ArrayList<>();
        int currentProgram = -1;
        for (Note note : notes.notes()) {
            if (note.channel() != channel) {
                continue;
            }
            long on = ticks(note.startSeconds());
            long off = Math.max(on + 1, ticks(note.endSeconds()));
            int program = fixedProgram >= 0 ? fixedProgram : note.program();
            if (program != currentProgram) {
                events.add(new Timed(on, ORDER_PROGRAM,
                        new ShortMessage(ShortMessage.PROGRAM_CHANGE, channel, program, 0)));
                currentProgram = program;
            }
            events.add(new Timed(on, ORDER_ON,
                    new ShortMessage(ShortMessage.NOTE_ON, channel, note.pitch(), note.velocity())));
            events.add(new Timed(off, ORDER_OFF,
                    new ShortMessage(ShortMessage.NOTE_OFF, channel, note.pitch(), 0)));
        }
        return events;
    }
}

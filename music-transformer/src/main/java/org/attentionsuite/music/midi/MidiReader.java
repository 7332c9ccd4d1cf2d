package org.attentionsuite.music.midi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.music.MusicDataException;

/**
 * Reads standard MIDI files (format 0 and 1) into a {@link NoteSequence} in seconds.
 *
 * <p>What it does, in order:
 * <ol>
 *   <li>parses the file with {@link SmfParser}: the header and every announced track chunk
 *       must be complete, every data byte at most 127, and running status continues across
 *       meta and sysex events;</li>
 *   <li>merges the events of all tracks by tick (ties keep track order) and pairs note on and
 *       note off per channel and pitch; a NOTE_ON with velocity 0 is a note off; a second
 *       onset of a sounding key ends the first note there; a note off at the very tick its note
 *       started makes a zero-length note, which is dropped, with pretty_midi's one exception:
 *       when that onset re-struck a key sounding since an earlier tick, the first such note
 *       off is taken as the end of the earlier note and the new note keeps sounding (a
 *       further note off at that tick drops it);</li>
 *   <li>drops the General MIDI drum channel (channel 10, index {@value #DRUM_CHANNEL});</li>
 *   <li>applies the sustain pedal (controller 64, down when the value is at least 64) per
 *       channel as Magenta's {@code apply_sustain_control_changes} does (see
 *       {@link SustainPedal});</li>
 *   <li>ends notes still sounding at the end of the file at the last event's tick;</li>
 *   <li>converts ticks to seconds with the file's {@link TempoMap}; a note that ends more than
 *       {@link #MAX_SECONDS} (24 hours) into the file makes it corrupt.</li>
 * </ol>
 * Each note keeps its channel and the program in force on that channel at its onset.
 */
public final class MidiReader {

    /** The General MIDI percussion channel index (channel 10); its notes are dropped. */
    public static final int DRUM_CHANNEL = 9;

    /**
     * Notes must end within this many seconds (24 hours) of the start of the file; later ones
     * come from corrupt delta times or tempos. pretty_midi rejects files for the same reason
     * (ticks above 10^7); a limit in seconds also holds for slow tempos and SMPTE timing.
     */
    public static final int MAX_SECONDS = 24 * 60 * 60;

    /**
     * MIDI files (training data and primers) are read whole, at most 16 MiB: the largest piano
     * performances are a few hundred KB, and 16 MiB of events already decode to millions of notes.
     */
    public static final UserFiles.Kind FILE = UserFiles.Kind.of("MIDI file", 16L << 20);

    private MidiReader() {
    }

    /**
     * Reads a MIDI file.
     *
     * @param file a standard MIDI file
     * @return its non-drum notes, sorted
     * @throws MusicDataException naming the file if it is missing, not a regular file, larger than
     *     {@link #FILE}'s cap, unreadable, not MIDI, truncated or without notes
     */
    public static NoteSequence read(Path file) {
        byte[] bytes;
        try {
            bytes = UserFiles.readAllBytes(file, FILE);
        } catch (UserError e) {
            throw new MusicDataException(e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Reads MIDI data from a stream (not closed).
     *
     * @param in the MIDI file content
     * @param name the name to use in error messages
     * @return its non-drum notes, sorted
     * @throws MusicDataException naming {@code name} if the data is unusable
     */
    public static NoteSequence read(InputStream in, String name) {
        try {
            return parse(in.readAllBytes(), name);
        } catch (IOException e) {
            throw MusicDataException.of(name, "cannot read (" + e + ")", e);
        }
    }

    /**
     * Parses the bytes of a MIDI file.
     *
     * @param bytes the whole file
     * @param name the name to use in error messages
     * @return its non-drum notes, sorted
     * @throws MusicDataException naming {@code name} if the data is unusable
     */
    public static NoteSequence parse(byte[] bytes, String name) {
        return fromSequence(SmfParser.parse(bytes, name), name);
    }

    /**
     * Extracts the notes of a parsed sequence.
     *
     * @param sequence a MIDI sequence
     * @param name the name to use in error messages
     * @return its non-drum notes, sorted
     * @throws MusicDataException naming {@code name} if a channel message has a data byte above
     *     127 or a note ends more than 24 hours into the file ("corrupt MIDI data: ..."), or if
     *     there is no non-drum note
     */
    public static NoteSequence fromSequence(Sequence sequence, String name) {
        List<MidiEvent> events = mergedEvents(sequence);
        long lastTick = sequence.getTickLength();
        int[] programs = new int[Note.CHANNELS];
        RawNote[][] sounding = new RawNote[Note.CHANNELS][128];
        List<List<RawNote>> notesByChannel = new ArrayList<>();
        List<List<SustainPedal.Change>> pedalByChannel = new ArrayList<>();
        for (int c = 0; c < Note.CHANNELS; c++) {
            notesByChannel.add(new ArrayList<>());
            pedalByChannel.add(new ArrayList<>());
        }
        for (MidiEvent event : events) {
            if (!(event.getMessage() instanceof ShortMessage message)) {
                continue;
            }
            long tick = event.getTick();
            checkDataBytes(message, tick, name);
            int channel = message.getChannel();
            int command = message.getCommand();
            boolean noteOn = command == ShortMessage.NOTE_ON && message.getData2() > 0;
            boolean noteOff = command == ShortMessage.NOTE_OFF
                    || command == ShortMessage.NOTE_ON && message.getData2() == 0;
            if (command == ShortMessage.PROGRAM_CHANGE) {
                programs[channel] = message.getData1();
            } else if (command == ShortMessage.CONTROL_CHANGE
                    && message.getData1() == SustainPedal.CONTROLLER) {
                boolean down = message.getData2() >= SustainPedal.DOWN_THRESHOLD;
                pedalByChannel.get(channel).add(new SustainPedal.Change(tick, down));
            } else if (channel != DRUM_CHANNEL && (noteOn || noteOff)) {
                int pitch = message.getData1();
                RawNote open = sounding[channel][pitch];
                if (noteOn) {
                    boolean endsEarlierNote = false;
                    if (open != null && open.startTick < tick) {
                        open.endTick = tick;                       // re-struck key
                        notesByChannel.get(channel).add(open);
                        endsEarlierNote = true;
                    } else if (open != null) {
                        endsEarlierNote = open.offAtStartIsEarlierNotes;   // same-tick onset
                    }
                    RawNote started = new RawNote(channel, pitch, message.getData2(),
                            programs[channel], tick);
                    started.offAtStartIsEarlierNotes = endsEarlierNote;
                    sounding[channel][pitch] = started;
                } else if (open != null && open.startTick < tick) {
                    open.endTick = tick;
                    notesByChannel.get(channel).add(open);
                    sounding[channel][pitch] = null;
                } else if (open != null && open.offAtStartIsEarlierNotes) {
                    open.offAtStartIsEarlierNotes = false;       // it ended the re-struck note
                } else if (open != null) {
                    sounding[channel][pitch] = null;             // zero-length note: dropped
                }
            }
        }
        for (RawNote[] channelNotes : sounding) {
            for (RawNote open : channelNotes) {
                if (open != null) {
                    open.endTick = Math.max(open.startTick, lastTick);
                    notesByChannel.get(open.channel).add(open);
                }
            }
        }
        TempoMap tempo = TempoMap.of(sequence);
        List<Note> notes = new ArrayList<>();
        for (int c = 0; c < Note.CHANNELS; c++) {
            List<RawNote> channelNotes = notesByChannel.get(c);
            SustainPedal.apply(channelNotes, pedalByChannel.get(c), lastTick);
            for (RawNote raw : channelNotes) {
                double start = tempo.seconds(raw.startTick);
                double end = tempo.seconds(raw.endTick);
                if (end > MAX_SECONDS) {
                    throw new MusicDataException(String.format(Locale.ROOT,
                            "%s: corrupt MIDI data: a note ends at %.0f s, more than 24 hours "
                                    + "into the file (tick %d)", name, end, raw.endTick));
                }
                if (end > start) {
                    notes.add(new Note(raw.pitch, raw.velocity, start, end, raw.program,
                            raw.channel));
                }
            }
        }
        if (notes.isEmpty()) {
            throw new MusicDataException(name + ": contains no notes (drums excluded)");
        }
        return new NoteSequence(notes);
    }

    /**
     * javax.sound.midi's own file parser and {@code ShortMessage}'s raw-bytes constructor pass
     * data bytes above 127 through; used as a key or an index they would crash the reader.
     */
    private static void checkDataBytes(ShortMessage message, long tick, String name) {
        byte[] bytes = message.getMessage();
        for (int i = 1; i < message.getLength(); i++) {
            int value = bytes[i] & 0xFF;
            if (value > 0x7F) {
                throw new MusicDataException(String.format(Locale.ROOT,
                        "%s: corrupt MIDI data: data byte 0x%02X (%d) of a %s at tick %d "
                                + "must be 0..127", name, value, value,
                        messageName(message.getStatus()), tick));
            }
        }
    }

    /**
     * @param status a status byte
     * @return the name of the message it starts, for error messages
     */
    static String messageName(int status) {
        return switch (status & 0xF0) {
            case ShortMessage.NOTE_OFF -> "note-off";
            case ShortMessage.NOTE_ON -> "note-on";
            case ShortMessage.POLY_PRESSURE -> "key-pressure event";
            case ShortMessage.CONTROL_CHANGE -> "controller event";
            case ShortMessage.PROGRAM_CHANGE -> "program change";
            case ShortMessage.CHANNEL_PRESSURE -> "channel-pressure event";
            case ShortMessage.PITCH_BEND -> "pitch bend";
            default -> String.format(Locale.ROOT, "message of status 0x%02X", status);
        };
    }

    /** All events of all tracks ordered by tick; ties keep track order, then file order. */
    private static List<MidiEvent> mergedEvents(Sequence sequence) {
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                events.add(track.get(i));
            }
        }
        events.sort(Comparator.comparingLong(MidiEvent::getTick));      // stable
        return events;
    }
}

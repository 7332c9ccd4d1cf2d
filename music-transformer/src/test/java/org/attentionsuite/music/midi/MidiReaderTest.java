package org.attentionsuite.music.midi;

import static org.attentionsuite.music.midi.MidiFixtures.add;
import static org.attentionsuite.music.midi.MidiFixtures.note;
import static org.attentionsuite.music.midi.MidiFixtures.pedal;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.attentionsuite.music.MusicDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files built event by event; expected times are worked out by hand in the comments. Unless a
 * test says otherwise: 480 ticks per quarter at the default 120 bpm, so 960 ticks per second.
 */
class MidiReaderTest {

    private static final double EPS = 1e-9;

    @TempDir
    Path dir;

    /** One expected note: pitch, velocity, start, end, program, channel. */
    private static Note n(int pitch, int velocity, double start, double end, int program, int channel) {
        return new Note(pitch, velocity, start, end, program, channel);
    }

    private static void assertNotes(List<Note> expected, NoteSequence actual) {
        assertEquals(expected.size(), actual.size(), () -> "notes: " + actual.notes());
        List<Note> sorted = new NoteSequence(expected).notes();
        for (int i = 0; i < sorted.size(); i++) {
            Note e = sorted.get(i);
            Note a = actual.notes().get(i);
            String where = "note " + i + " expected " + e + " got " + a;
            assertEquals(e.pitch(), a.pitch(), where);
            assertEquals(e.velocity(), a.velocity(), where);
            assertEquals(e.startSeconds(), a.startSeconds(), EPS, where);
            assertEquals(e.endSeconds(), a.endSeconds(), EPS, where);
            assertEquals(e.program(), a.program(), where);
            assertEquals(e.channel(), a.channel(), where);
        }
    }

    @Test
    void formatZeroAndFormatOneGiveTheSameNotes() {
        // format 1: melody on channel 0 in track 1, bass on channel 1 in track 2
        Sequence split = MidiFixtures.ppq(480);
        split.createTrack();
        Track melody = split.createTrack();
        Track bass = split.createTrack();
        add(bass, 0, ShortMessage.PROGRAM_CHANGE, 1, 33, 0);
        note(melody, 0, 72, 90, 0, 480);        // 0 .. 0.5 s
        note(melody, 0, 74, 80, 480, 1440);     // 0.5 .. 1.5 s
        note(bass, 1, 36, 70, 0, 1920);         // 0 .. 2 s, program 33
        // format 0: the same events in one track
        Sequence single = MidiFixtures.ppq(480);
        Track all = single.createTrack();
        add(all, 0, ShortMessage.PROGRAM_CHANGE, 1, 33, 0);
        note(all, 0, 72, 90, 0, 480);
        note(all, 0, 74, 80, 480, 1440);
        note(all, 1, 36, 70, 0, 1920);

        NoteSequence one = MidiReader.read(MidiFixtures.write(split, 1, dir.resolve("f1.mid")));
        NoteSequence zero = MidiReader.read(MidiFixtures.write(single, 0, dir.resolve("f0.mid")));
        List<Note> expected = List.of(
                n(72, 90, 0.0, 0.5, 0, 0), n(74, 80, 0.5, 1.5, 0, 0), n(36, 70, 0.0, 2.0, 33, 1));
        assertNotes(expected, one);
        assertNotes(expected, zero);
    }

    @Test
    void tempoChangesInTheTempoTrackApplyToAllTracks() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track tempo = sequence.createTrack();
        Track notes = sequence.createTrack();
        // 120 bpm for the first 960 ticks (1.0 s), then 60 bpm: 480 ticks = 1 s
        MidiFixtures.tempo(tempo, 960, 1_000_000);
        note(notes, 0, 60, 100, 480, 1440);     // 0.5 s .. 1.0 + 480/480 = 2.0 s
        note(notes, 0, 62, 100, 1440, 1920);    // 2.0 s .. 3.0 s
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("t.mid")));
        assertNotes(List.of(n(60, 100, 0.5, 2.0, 0, 0), n(62, 100, 2.0, 3.0, 0, 0)), read);
    }

    @Test
    void drumsAreDroppedAndVelocityZeroIsANoteOff() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        note(track, 9, 36, 100, 0, 240);                            // kick drum: dropped
        add(track, 0, ShortMessage.NOTE_ON, 2, 64, 50);
        add(track, 720, ShortMessage.NOTE_ON, 2, 64, 0);              // off at 0.75 s
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("d.mid")));
        assertNotes(List.of(n(64, 50, 0.0, 0.75, 0, 2)), read);
    }

    @Test
    void aFileWithOnlyDrumsHasNoNotes() {
        Sequence sequence = MidiFixtures.ppq(480);
        note(sequence.createTrack(), 9, 38, 100, 0, 240);
        Path file = MidiFixtures.write(sequence, 1, dir.resolve("drums.mid"));
        MusicDataException e = assertThrows(MusicDataException.class, () -> MidiReader.read(file));
        assertEquals(file + ": contains no notes (drums excluded)", e.getMessage());
    }

    @Test
    void sustainPedalFollowsMagenta() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        pedal(track, 0, 0, true);                       // pedal down at 0 s
        note(track, 0, 60, 80, 0, 480);                 // A: key up at 0.5 s, held by the pedal
        note(track, 0, 64, 81, 480, 960);               // B: 0.5 .. 1.0 s, held by the pedal
        note(track, 0, 60, 82, 1440, 1680);             // C: re-strikes 60 at 1.5 s, ending A
        pedal(track, 0, 1920, false);                   // pedal up at 2.0 s ends B and C
        note(track, 0, 67, 83, 2400, 2880);             // D: after the release, 2.5 .. 3.0 s
        pedal(track, 0, 3360, true);                    // pedal down again at 3.5 s ...
        note(track, 0, 72, 84, 3360, 3600);             // E: ... never released
        note(track, 1, 60, 85, 0, 480);                 // F: other channel, no pedal there
        add(track, 4800, ShortMessage.CONTROL_CHANGE, 1, 7, 100);   // last event at 5.0 s
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("p.mid")));
        assertNotes(List.of(
                n(60, 80, 0.0, 1.5, 0, 0),          // A: to the next onset of 60
                n(64, 81, 0.5, 2.0, 0, 0),          // B: to the pedal release
                n(60, 82, 1.5, 2.0, 0, 0),          // C: to the pedal release
                n(67, 83, 2.5, 3.0, 0, 0),          // D: unchanged
                n(72, 84, 3.5, 5.0, 0, 0),          // E: to the last event of the file
                n(60, 85, 0.0, 0.5, 0, 1)), read);  // F: unchanged
    }

    @Test
    void keyReleasedWhenThePedalGoesDownIsSustained() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        note(track, 0, 60, 90, 0, 480);
        pedal(track, 0, 480, true);                     // same tick as the key release
        pedal(track, 0, 960, false);
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("s.mid")));
        assertNotes(List.of(n(60, 90, 0.0, 1.0, 0, 0)), read);
    }

    @Test
    void restruckKeysAndUnterminatedNotes() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        add(track, 0, ShortMessage.NOTE_ON, 0, 60, 70);
        add(track, 480, ShortMessage.NOTE_ON, 0, 60, 90);       // re-strike: first ends 0.5 s
        add(track, 480, ShortMessage.NOTE_OFF, 0, 60, 0);       // same tick as the onset: ignored
        add(track, 960, ShortMessage.NOTE_OFF, 0, 60, 0);       // ends the second at 1.0 s
        add(track, 960, ShortMessage.PROGRAM_CHANGE, 0, 40, 0);
        add(track, 960, ShortMessage.NOTE_ON, 0, 65, 60);       // never released
        add(track, 1920, ShortMessage.CONTROL_CHANGE, 0, 7, 100);   // last event at 2.0 s
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("r.mid")));
        assertNotes(List.of(n(60, 70, 0.0, 0.5, 0, 0), n(60, 90, 0.5, 1.0, 0, 0),
                n(65, 60, 1.0, 2.0, 40, 0)), read);
    }

    @Test
    void runningStatusFromRawBytes() throws IOException {
        byte[] track = {
            0x00, (byte) 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40,      // tempo 1 000 000 us/quarter
            0x00, (byte) 0x90, 0x3C, 0x40,                          // on 60 vel 64 at 0
            0x60, 0x3E, 0x50,                                       // +96: (running) on 62 vel 80
            0x00, 0x3C, 0x00,                                       // +0: (running) 60 vel 0 = off
            0x60, 0x3E, 0x00,                                       // +96: (running) 62 off
            0x00, (byte) 0xFF, 0x2F, 0x00};                         // end of track
        byte[] header = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 0, 0, 1, 0, 96};
        byte[] chunk = {'M', 'T', 'r', 'k', 0, 0, 0, (byte) track.length};
        Path file = dir.resolve("running.mid");
        Files.write(file, concat(header, chunk, track));
        // 96 ticks per quarter at 1 s per quarter: 96 ticks = 1 s
        assertNotes(List.of(n(60, 64, 0.0, 1.0, 0, 0), n(62, 80, 1.0, 2.0, 0, 0)),
                MidiReader.read(file));
    }

    @Test
    void smpteTiming() throws InvalidMidiDataException {
        Sequence sequence = new Sequence(Sequence.SMPTE_25, 40);      // 1000 ticks per second
        note(sequence.createTrack(), 0, 60, 64, 250, 1250);
        NoteSequence read = MidiReader.fromSequence(sequence, "smpte");
        assertNotes(List.of(n(60, 64, 0.25, 1.25, 0, 0)), read);
    }

    @Test
    void badFilesGiveOneLineNamingTheFile() throws IOException {
        Path text = Files.writeString(dir.resolve("song.mid"), "this is not music at all");
        assertEquals(text + ": not a MIDI file (bad header)",
                assertThrows(MusicDataException.class, () -> MidiReader.read(text)).getMessage());

        Path missing = dir.resolve("missing.mid");
        assertEquals(missing + ": no such file",
                assertThrows(MusicDataException.class, () -> MidiReader.read(missing)).getMessage());

        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        for (int i = 0; i < 50; i++) {
            note(track, 0, 60 + i % 12, 80, i * 240L, i * 240L + 200);
        }
        byte[] whole = Files.readAllBytes(MidiFixtures.write(sequence, 1, dir.resolve("w.mid")));
        Path cut = dir.resolve("cut.mid");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        String message = assertThrows(MusicDataException.class, () -> MidiReader.read(cut))
                .getMessage();
        assertTrue(message.startsWith(cut + ": truncated MIDI file"), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void readsEveryRealOpenMsxFile() throws IOException {
        assumeTrue(Files.isDirectory(MidiFixtures.OPENMSX), "openttd-openmsx is not installed");
        List<Path> files;
        try (Stream<Path> list = Files.list(MidiFixtures.OPENMSX)) {
            files = list.filter(p -> p.toString().endsWith(".mid")).sorted().toList();
        }
        assertTrue(files.size() >= 20, "expected the openmsx songs, found " + files.size());
        for (Path file : files) {
            NoteSequence notes = MidiReader.read(file);
            assertTrue(notes.size() > 100, file + " has only " + notes.size() + " notes");
            assertTrue(notes.totalSeconds() > 30 && notes.totalSeconds() < 600,
                    file + " lasts " + notes.totalSeconds() + " s");
            for (Note note : notes.notes()) {
                assertTrue(note.channel() != MidiReader.DRUM_CHANNEL, file + ": drum note kept");
            }
        }
    }

    @Test
    void channelsOfRealFileMatchTheRawEvents() throws Exception {
        Path file = MidiFixtures.OPENMSX.resolve("coconut_run2.mid");
        assumeTrue(Files.isRegularFile(file), "openttd-openmsx is not installed");
        // naive count of sounding note-ons per channel straight from javax, drums excluded
        Sequence sequence = javax.sound.midi.MidiSystem.getSequence(file.toFile());
        int[] onsets = new int[16];
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof ShortMessage m
                        && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) {
                    onsets[m.getChannel()]++;
                }
            }
        }
        onsets[MidiReader.DRUM_CHANNEL] = 0;
        int[] read = new int[16];
        for (Note note : MidiReader.read(file).notes()) {
            read[note.channel()]++;
        }
        // every onset gives a note unless it was a duplicate onset at the same tick
        for (int c = 0; c < 16; c++) {
            assertTrue(read[c] <= onsets[c] && read[c] >= onsets[c] * 0.95,
                    "channel " + c + ": " + read[c] + " notes for " + onsets[c] + " onsets");
        }
        assertArrayEquals(Arrays.stream(onsets).map(o -> o > 0 ? 1 : 0).toArray(),
                Arrays.stream(read).map(o -> o > 0 ? 1 : 0).toArray());
    }

    @Test
    void aDataByteAbove127IsCorruptDataNamingTheFile() throws IOException {
        // a note on with key 220 (0xDC): one flipped bit of a real file
        Path key = Files.write(dir.resolve("key.mid"), SmfBytes.file(0, 96, SmfBytes.track()
                .event(0, 0x90, 0x3C, 0x40).event(0, 0x90, 0xDC, 0x40)
                .event(96, 0x80, 0x3C, 0x00).end(0)));
        assertCorrupt(key, "0xDC");
        // a velocity of 129 (0x81) was skipped as "cannot encode (velocity (129) ...)"
        Path velocity = Files.write(dir.resolve("velocity.mid"), SmfBytes.file(0, 96,
                SmfBytes.track().event(0, 0x90, 0x3C, 0x81).event(96, 0x80, 0x3C, 0x00).end(0)));
        assertCorrupt(velocity, "0x81");
        // the second data byte of any two-byte message, e.g. a controller value
        Path controller = Files.write(dir.resolve("controller.mid"), SmfBytes.file(0, 96,
                SmfBytes.track().event(0, 0xB0, 0x40, 0xFF).event(0, 0x90, 0x3C, 0x40)
                        .event(96, 0x80, 0x3C, 0x00).end(0)));
        assertCorrupt(controller, "0xFF");
    }

    @Test
    void aSequenceWithABadDataByteIsCorruptDataToo() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        note(track, 0, 60, 64, 0, 480);
        // ShortMessage's protected constructor takes raw bytes without checking them
        track.add(new javax.sound.midi.MidiEvent(
                new ShortMessage(new byte[] {(byte) 0x90, (byte) 0xDC, 0x40}) { }, 10));
        MusicDataException e = assertThrows(MusicDataException.class,
                () -> MidiReader.fromSequence(sequence, "built"));
        assertTrue(e.getMessage().startsWith("built: corrupt MIDI data: "), e.getMessage());
    }

    @Test
    void zeroLengthNotesAreDroppedAsPrettyMidiDoes() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        add(track, 480, ShortMessage.NOTE_ON, 0, 60, 90);       // on and off at 0.5 s: dropped,
        add(track, 480, ShortMessage.NOTE_OFF, 0, 60, 0);       // not held to the next off of 60
        note(track, 0, 60, 70, 960, 1440);                      // 1.0 .. 1.5 s
        add(track, 1920, ShortMessage.NOTE_ON, 0, 64, 80);      // zero-length with velocity-0 off,
        add(track, 1920, ShortMessage.NOTE_ON, 0, 64, 0);       // never closed later: dropped
        add(track, 2400, ShortMessage.NOTE_ON, 0, 67, 80);      // 67 struck at 2.5 s
        add(track, 2880, ShortMessage.NOTE_ON, 0, 67, 81);      // re-struck at 3.0 s
        add(track, 2880, ShortMessage.NOTE_OFF, 0, 67, 0);      // this off closes the first 67,
        add(track, 2880, ShortMessage.NOTE_OFF, 0, 67, 0);      // a second one the zero-length
        add(track, 3840, ShortMessage.CONTROL_CHANGE, 0, 7, 100);   // last event at 4.0 s
        NoteSequence read = MidiReader.read(MidiFixtures.write(sequence, 1, dir.resolve("z.mid")));
        assertNotes(List.of(n(60, 70, 1.0, 1.5, 0, 0), n(67, 80, 2.5, 3.0, 0, 0)), read);
    }

    @Test
    void runningStatusContinuesAcrossMetaAndSysexEvents() throws IOException {
        // as Rosegarden writes it: running status resumes after a meta event (JDK 17 rejected it
        // with "Invalid meta event with type ..."), and after a sysex event
        SmfBytes.Track track = SmfBytes.track()
                .event(0, 0x90, 0x3C, 0x40)                     // on 60 at 0
                .meta(0, 0x01, 'h', 'i')                        // text event
                .event(96, 0x3C, 0x00)                          // running: 60 off at 1 s
                .event(0, 0x3E, 0x50)                           // running: on 62 at 1 s
                .sysex(48, 0x7E, 0x7F, 0x09, 0x01, 0xF7)        // GM on
                .event(48, 0x3E, 0x00)                          // running: 62 off at 2 s
                .meta(0, 0x01, 0x81)                            // text whose byte is >= 0x80
                .event(0, 0x40, 0x30)                           // running: on 64 at 2 s
                .event(96, 0x40, 0x00)                          // running: 64 off at 3 s
                .end(0);
        Path file = Files.write(dir.resolve("rosegarden.mid"),
                SmfBytes.file(0, 96, SmfBytes.track().tempo(0, 1_000_000).end(0), track));
        // 96 ticks per quarter at 1 s per quarter: 96 ticks = 1 s
        assertNotes(List.of(n(60, 64, 0.0, 1.0, 0, 0), n(62, 80, 1.0, 2.0, 0, 0),
                n(64, 48, 2.0, 3.0, 0, 0)), MidiReader.read(file));
    }

    @Test
    void runningStatusWithoutAnEarlierChannelStatusIsCorrupt() throws IOException {
        Path first = Files.write(dir.resolve("first.mid"), SmfBytes.file(0, 96,
                SmfBytes.track().event(0, 0x3C, 0x40).end(96)));
        assertCorrupt(first, "running status");
        Path afterMeta = Files.write(dir.resolve("meta.mid"), SmfBytes.file(0, 96,
                SmfBytes.track().tempo(0, 500_000).event(0, 0x3C, 0x40).end(96)));
        assertCorrupt(afterMeta, "running status");
    }

    @Test
    void aNoteEndingMoreThanADayIntoTheFileIsCorrupt() throws IOException {
        // found by fuzzing: a flipped delta time put a note 19,676,030 s into the file, and the
        // performance encoder's UserError, which names no file, aborted a whole training run.
        // Here: 1 tick per quarter at 0xFFFFFF us per quarter (16.8 s per tick)
        Path far = Files.write(dir.resolve("far.mid"), SmfBytes.file(0, 1, SmfBytes.track()
                .tempo(0, 0xFFFFFF).event(0, 0x90, 0x3C, 0x40)
                .event(SmfBytes.MAX_VARIABLE_LENGTH, 0x80, 0x3C, 0).end(0)));
        assertCorrupt(far, "more than 24 hours");
        // at 96 ticks per quarter and 120 bpm, 192 ticks per second: 86,000 s is kept,
        // 87,000 s (past 86,400) is corrupt
        for (long seconds : new long[] {86_000, 87_000}) {
            Path file = Files.write(dir.resolve(seconds + ".mid"), SmfBytes.file(0, 96,
                    SmfBytes.track().event(0, 0x90, 0x3C, 0x40).event(0, 0x90, 0x40, 0x40)
                            .event(192, 0x80, 0x40, 0).event(192 * seconds - 192, 0x80, 0x3C, 0)
                            .end(0)));
            if (seconds < MidiReader.MAX_SECONDS) {
                assertEquals(seconds, MidiReader.read(file).totalSeconds(), 1e-6);
            } else {
                assertCorrupt(file, "more than 24 hours");
            }
        }
    }

    private static void assertCorrupt(Path file, String detail) {
        String message = assertThrows(MusicDataException.class, () -> MidiReader.read(file))
                .getMessage();
        assertTrue(message.startsWith(file + ": corrupt MIDI data: "), message);
        assertTrue(message.contains(detail), message);
        assertFalse(message.contains("\n"), message);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}

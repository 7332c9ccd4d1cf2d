package org.attentionsuite.music.performance;

import static org.attentionsuite.music.performance.PerformanceVocabulary.EOS;
import static org.attentionsuite.music.performance.PerformanceVocabulary.PAD;
import static org.attentionsuite.music.performance.PerformanceVocabulary.noteOff;
import static org.attentionsuite.music.performance.PerformanceVocabulary.noteOn;
import static org.attentionsuite.music.performance.PerformanceVocabulary.timeShift;
import static org.attentionsuite.music.performance.PerformanceVocabulary.velocity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.sound.midi.Sequence;
import javax.sound.midi.Track;
import org.attentionsuite.music.midi.MidiFixtures;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceEncoderTest {

    @TempDir
    Path dir;

    @Test
    void encodesAHandWorkedExample() {
        NoteSequence notes = NoteSequence.of(
                new Note(60, 100, 0.0, 0.5),          // C4 and E4 together, loud
                new Note(64, 100, 0.0, 0.5),
                new Note(67, 40, 0.5, 2.75),          // then G4 soft for 2.25 s
                new Note(72, 40, 3.004, 3.006));      // a 2 ms blip: one step long
        int[] expected = {
            velocity(24), noteOn(60), noteOn(64),         // bin (100 - 1) / 4 = 24
            timeShift(50), noteOff(60), noteOff(64),
            velocity(9), noteOn(67),                      // bin (40 - 1) / 4 = 9
            timeShift(100), timeShift(100), timeShift(25), noteOff(67),
            timeShift(25), noteOn(72),                    // same bin: no VELOCITY
            timeShift(1), noteOff(72)};
        assertArrayEquals(expected, PerformanceEncoder.encode(notes));
    }

    @Test
    void encodeDecodeEncodeIsIdentical() {
        Random random = new Random(11);
        for (int trial = 0; trial < 50; trial++) {
            NoteSequence notes = randomNotes(random, 80, true);
            int[] events = PerformanceEncoder.encode(notes);
            assertArrayEquals(events, PerformanceEncoder.encode(PerformanceEncoder.decode(events)),
                    "trial " + trial);
        }
    }

    @Test
    void decodingAnEncodingKeepsEveryNote() {
        Random random = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            NoteSequence notes = randomNotes(random, 60, false);
            assertKeepsEveryNote(notes, PerformanceEncoder.decode(PerformanceEncoder.encode(notes)));
        }
    }

    @Test
    void sameStepDuplicatesKeepTheLongestAndOverlapsAreCut() {
        NoteSequence notes = NoteSequence.of(
                new Note(60, 50, 0.0, 0.3), new Note(60, 90, 0.001, 1.0),   // same step: keep long
                new Note(62, 70, 0.0, 1.0), new Note(62, 70, 0.5, 0.8));    // overlap: cut at 0.5
        NoteSequence decoded = PerformanceEncoder.decode(PerformanceEncoder.encode(notes));
        assertEquals(List.of(new Note(60, 89, 0.0, 1.0), new Note(62, 69, 0.0, 0.5),
                new Note(62, 69, 0.5, 0.8)), decoded.notes());
    }

    @Test
    void decodingRulesForImperfectSequences() {
        int[] events = {
            noteOn(60),                                // before any VELOCITY: default bin
            noteOff(61),                               // unmatched: ignored
            timeShift(10), velocity(31), noteOn(60),   // re-strike ends the first at 0.1 s
            PAD, timeShift(20), noteOn(64),            // left open: closed at the end
            timeShift(30),
            EOS, noteOn(70), timeShift(50), noteOff(70)};   // after EOS: not decoded
        int defaultVelocity = PerformanceVocabulary.binToVelocity(PerformanceEncoder.DEFAULT_VELOCITY_BIN);
        assertEquals(List.of(
                new Note(60, defaultVelocity, 0.0, 0.1),
                new Note(60, 125, 0.1, 0.6),
                new Note(64, 125, 0.3, 0.6)), PerformanceEncoder.decode(events).notes());
        // a note opened at the very end still lasts one step
        assertEquals(List.of(new Note(50, defaultVelocity, 0.0, 0.01)),
                PerformanceEncoder.decode(new int[] {noteOn(50)}).notes());
    }

    @Test
    void sustainedNotesAndNotesAfterTheLastPedalReleaseSurviveEncoding() {
        Sequence sequence = MidiFixtures.ppq(480);
        Track track = sequence.createTrack();
        MidiFixtures.pedal(track, 0, 0, true);
        MidiFixtures.note(track, 0, 60, 80, 0, 480);      // held to the release at 2.0 s
        MidiFixtures.note(track, 0, 64, 80, 480, 960);    // held to 2.0 s
        MidiFixtures.pedal(track, 0, 1920, false);
        MidiFixtures.note(track, 0, 67, 100, 2400, 2880); // after the last release: 2.5 .. 3.0
        MidiFixtures.note(track, 0, 71, 100, 2880, 3360); // 3.0 .. 3.5
        Path file = MidiFixtures.write(sequence, 1, dir.resolve("pedal.mid"));
        NoteSequence read = MidiReader.read(file);
        NoteSequence decoded = PerformanceEncoder.decode(PerformanceEncoder.encode(read));
        assertEquals(4, decoded.size());
        assertKeepsEveryNote(read, decoded);
        assertEquals(2.0, decoded.notes().get(0).endSeconds(), 1e-9);
        assertEquals(3.5, decoded.totalSeconds(), 1e-9);
    }

    @Test
    void roundTripThroughAMidiFile() {
        Random random = new Random(17);
        for (int trial = 0; trial < 5; trial++) {
            // decoding makes the notes canonical: one voice per pitch, on the 10 ms grid
            NoteSequence notes = PerformanceEncoder.decode(
                    PerformanceEncoder.encode(randomNotes(random, 100, true)));
            Path file = dir.resolve("trial" + trial + ".mid");
            MidiWriter.write(notes, file);
            assertArrayEquals(PerformanceEncoder.encode(notes),
                    PerformanceEncoder.encode(MidiReader.read(file)), "trial " + trial);
        }
    }

    @Test
    void realFilesRoundTrip() throws IOException {
        assumeTrue(Files.isDirectory(MidiFixtures.OPENMSX), "openttd-openmsx is not installed");
        List<Path> files;
        try (Stream<Path> list = Files.list(MidiFixtures.OPENMSX)) {
            files = list.filter(p -> p.toString().endsWith(".mid")).sorted().limit(8).toList();
        }
        for (Path file : files) {
            int[] events = PerformanceEncoder.encode(MidiReader.read(file));
            NoteSequence decoded = PerformanceEncoder.decode(events);
            assertArrayEquals(events, PerformanceEncoder.encode(decoded), file.toString());
            Path copy = dir.resolve(file.getFileName());
            MidiWriter.write(decoded, copy);
            assertArrayEquals(events, PerformanceEncoder.encode(MidiReader.read(copy)),
                    file + " through MidiWriter and MidiReader");
        }
    }

    /**
     * Random notes; with {@code overlapping} false no two notes of one pitch overlap (closer
     * than 20 ms) so that every note must survive encoding.
     */
    private static NoteSequence randomNotes(Random random, int count, boolean overlapping) {
        List<Note> notes = new ArrayList<>();
        double[] freeFrom = new double[128];
        double time = 0;
        while (notes.size() < count) {
            time += random.nextInt(4) == 0 ? random.nextDouble() * 3.5 : random.nextDouble() * 0.2;
            int pitch = 30 + random.nextInt(60);
            double start = time;
            if (!overlapping && start < freeFrom[pitch]) {
                continue;
            }
            double end = start + 0.001 + random.nextDouble() * (random.nextBoolean() ? 0.3 : 2.5);
            notes.add(new Note(pitch, 1 + random.nextInt(127), start, end));
            freeFrom[pitch] = end + 0.02;
        }
        return new NoteSequence(notes);
    }

    /** Every original note has a decoded note of the same pitch within 10 ms and one bin. */
    private static void assertKeepsEveryNote(NoteSequence original, NoteSequence decoded) {
        assertEquals(original.size(), decoded.size(), "number of notes");
        Comparator<Note> byPitchThenStart = Comparator.comparingInt(Note::pitch)
                .thenComparingDouble(Note::startSeconds);
        List<Note> a = original.notes().stream().sorted(byPitchThenStart).toList();
        List<Note> b = decoded.notes().stream().sorted(byPitchThenStart).toList();
        for (int i = 0; i < a.size(); i++) {
            Note o = a.get(i);
            Note d = b.get(i);
            String where = o + " decoded as " + d;
            assertEquals(o.pitch(), d.pitch(), where);
            assertEquals(o.startSeconds(), d.startSeconds(), 0.01, where);
            assertTrue(Math.abs(o.endSeconds() - d.endSeconds()) <= 0.01 + 1e-9
                    || o.durationSeconds() < 0.01, where);
            assertTrue(Math.abs(o.velocity() - d.velocity()) < PerformanceVocabulary.VELOCITY_BIN_SIZE,
                    where);
        }
    }
}

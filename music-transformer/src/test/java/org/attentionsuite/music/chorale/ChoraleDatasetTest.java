package org.attentionsuite.music.chorale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChoraleDatasetTest {

    @TempDir
    Path dir;

    @Test
    void realChoralesHaveTheStandardSplitsAndRoundTrip() {
        ChoraleDataset data = ChoraleDataset.bundled();             // Jsb16thSeparated.json, compressed
        assertEquals(229, data.train().size());
        assertEquals(76, data.valid().size());
        assertEquals(77, data.test().size());
        assertEquals(data.valid(), data.split(DataSplit.VALID));
        long steps = 0;
        for (DataSplit split : DataSplit.values()) {
            for (Chorale chorale : data.split(split)) {
                int[] tokens = ChoraleEncoding.encode(chorale);
                assertEquals(4 * chorale.steps(), tokens.length);
                assertArrayEquals(chorale.toGrid(), ChoraleEncoding.decode(tokens).toGrid());
                assertTrue(Arrays.stream(tokens).allMatch(t -> t <= ChoraleEncoding.REST));
                steps += chorale.steps();
            }
        }
        assertTrue(steps > 50_000, "steps " + steps);
        // the first test chorale starts with F4 C4 A3 F3 (65, 60, 57, 53)
        assertArrayEquals(new int[] {65, 60, 57, 53}, data.test().get(0).toGrid()[0]);
    }

    @Test
    void realChoraleBecomesAFourTrackMidiFile() {
        Chorale chorale = ChoraleDataset.bundled().train().get(0);
        NoteSequence notes = ChoraleEncoding.toNoteSequence(chorale);
        Path file = dir.resolve("chorale.mid");
        MidiWriter.write(notes, file, 52, 52, 52, 52);
        NoteSequence read = MidiReader.read(file);
        assertArrayEquals(new int[] {0, 1, 2, 3}, read.channels());
        assertEquals(notes.size(), read.size());
        assertEquals(chorale.steps() * ChoraleEncoding.STEP_SECONDS, read.totalSeconds(), 1e-3);
    }

    @Test
    void acceptsWholeFloatsAndRejectsFractionalPitches() throws IOException {
        Path good = Files.writeString(dir.resolve("good.json"),
                "{\"train\": [[[74.0, 70, 65, -1.0]]], \"valid\": [], \"test\": []}");
        assertArrayEquals(new int[] {74, 70, 65, -1},
                ChoraleDataset.load(good).train().get(0).toGrid()[0]);
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"train\": [[[74.5, 70, 65, 60]]], \"valid\": [], \"test\": []}");
        assertEquals(bad + ": train chorale 0, step 0: 74.5 is not a MIDI pitch 0..127 or -1 (silent)",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(bad)).getMessage());
    }

    @Test
    void missingFileMalformedJsonAndMissingSplitNameTheFile() throws IOException {
        Path missing = dir.resolve("none.json");
        assertEquals(missing + ": no such file",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(missing))
                        .getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"train\": [[[60, 61");
        String message = assertThrows(MusicDataException.class, () -> ChoraleDataset.load(broken))
                .getMessage();
        assertTrue(message.startsWith(broken + ": malformed JSON ("), message);
        assertFalse(message.contains("\n"), message);
        Path noValid = Files.writeString(dir.resolve("novalid.json"), "{\"train\": [], \"test\": []}");
        assertEquals(noValid + ": missing list \"valid\"",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(noValid))
                        .getMessage());
        Path shape = Files.writeString(dir.resolve("shape.json"),
                "{\"train\": [[[60, 61, 62]]], \"valid\": [], \"test\": []}");
        assertEquals(shape + ": train chorale 0, step 0: expected 4 pitches",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(shape))
                        .getMessage());
    }

    /** Regression: a folder used to be reported as "malformed JSON (... Is a directory)". */
    @Test
    void aFolderOrAnEmptyFileIsOneClearLine() throws IOException {
        assertEquals(dir + ": is a folder; give the path of Jsb16thSeparated.json",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(dir)).getMessage());
        Path empty = Files.writeString(dir.resolve("Jsb16thSeparated.json"), "");
        assertEquals(empty + ": empty file; expected the JSON object of Jsb16thSeparated.json (keys train/valid/test)",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(empty)).getMessage());
        Path blank = Files.writeString(dir.resolve("blank.json"), " \n\t\n");
        assertEquals(blank + ": empty file; expected the JSON object of Jsb16thSeparated.json (keys train/valid/test)",
                assertThrows(MusicDataException.class, () -> ChoraleDataset.load(blank)).getMessage());
    }
}

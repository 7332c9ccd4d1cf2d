package org.attentionsuite.music.performance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.midi.Sequence;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiFixtures;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.midi.SmfBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceCorpusTest {

    @TempDir
    Path dir;

    private static NoteSequence scale(int notes, int base) {
        List<Note> list = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
            list.add(new Note(base + i % 12, 60 + i % 40, i * 0.25, i * 0.25 + 0.2));
        }
        return new NoteSequence(list);
    }

    @Test
    void loadsRecursivelyAndSkipsBadFilesWithOneLineEach() throws IOException {
        MidiWriter.write(scale(20, 60), dir.resolve("a.mid"));
        MidiWriter.write(scale(30, 48), dir.resolve("sub/deeper/B.MIDI"));
        Files.writeString(dir.resolve("sub/broken.mid"), "not midi");
        Sequence drums = MidiFixtures.ppq(480);
        MidiFixtures.note(drums.createTrack(), 9, 36, 100, 0, 100);
        MidiFixtures.write(drums, 1, dir.resolve("drums.Mid"));
        Files.writeString(dir.resolve("notes.txt"), "ignored: not a MIDI name");

        List<String> warnings = new ArrayList<>();
        PerformanceCorpus corpus = PerformanceCorpus.load(dir, warnings::add);

        assertEquals(2, corpus.summary().loaded());
        assertEquals(2, corpus.summary().skipped());
        assertEquals(List.of(
                "skipped " + dir.resolve("drums.Mid") + ": contains no notes (drums excluded)",
                "skipped " + dir.resolve("sub/broken.mid") + ": not a MIDI file (bad header)"),
                warnings);
        long expected = PerformanceEncoder.encode(scale(20, 60)).length
                + PerformanceEncoder.encode(scale(30, 48)).length + 2;        // + one EOS each
        assertEquals(expected, corpus.summary().totalEvents());
        assertEquals(dir.resolve("a.mid").toString(), corpus.pieces().get(0).name());
        int[] events = corpus.pieces().get(0).events();
        assertEquals(PerformanceVocabulary.EOS, events[events.length - 1]);
    }

    @Test
    void corruptDataBytesSkipTheFileWithOneLine() throws IOException {
        MidiWriter.write(scale(20, 60), dir.resolve("good.mid"));
        // a note on with key 220, and one with velocity 129: data bytes above 127
        Files.write(dir.resolve("key.mid"), SmfBytes.file(0, 96, SmfBytes.track()
                .event(0, 0x90, 0xDC, 0x40).event(96, 0x80, 0xDC, 0x00).end(0)));
        Files.write(dir.resolve("velocity.mid"), SmfBytes.file(0, 96, SmfBytes.track()
                .event(0, 0x90, 0x3C, 0x81).event(96, 0x80, 0x3C, 0x00).end(0)));
        // a note 4.5e9 s into the file: the encoder refused it with an error naming no file
        Files.write(dir.resolve("zfar.mid"), SmfBytes.file(0, 1, SmfBytes.track()
                .tempo(0, 0xFFFFFF).event(0, 0x90, 0x3C, 0x40)
                .event(SmfBytes.MAX_VARIABLE_LENGTH, 0x80, 0x3C, 0).end(0)));

        List<String> warnings = new ArrayList<>();
        PerformanceCorpus corpus = PerformanceCorpus.load(dir, warnings::add);

        assertEquals(new PerformanceCorpus.Summary(1, 3, corpus.summary().totalEvents()),
                corpus.summary());
        assertEquals(3, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("skipped " + dir.resolve("key.mid")
                + ": corrupt MIDI data: "), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("skipped " + dir.resolve("velocity.mid")
                + ": corrupt MIDI data: "), warnings.get(1));
        assertTrue(warnings.get(2).startsWith("skipped " + dir.resolve("zfar.mid")
                + ": corrupt MIDI data: "), warnings.get(2));
        for (String line : warnings) {
            assertFalse(line.contains("\n"), line);
        }
    }

    @Test
    void emptyOrUselessFoldersAreErrorsNamingTheFolder() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(empty + ": no .mid or .midi files found",
                assertThrows(MusicDataException.class, () -> PerformanceCorpus.load(empty))
                        .getMessage());
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.writeString(bad.resolve("x.mid"), "garbage");
        assertEquals(bad + ": none of the 1 MIDI files could be used",
                assertThrows(MusicDataException.class,
                        () -> PerformanceCorpus.load(bad, line -> { })).getMessage());
        Path missing = dir.resolve("missing");
        assertEquals(missing + ": folder not found",
                assertThrows(MusicDataException.class, () -> PerformanceCorpus.load(missing))
                        .getMessage());
    }

    @Test
    void cropsAreWindowsOfOnePieceOrPaddedPieces() {
        PerformanceCorpus.Piece longPiece = PerformanceCorpus.Piece.encode("long", scale(200, 50));
        PerformanceCorpus.Piece shortPiece = PerformanceCorpus.Piece.encode("short", scale(3, 70));
        PerformanceCorpus corpus = PerformanceCorpus.of(List.of(longPiece, shortPiece), 0);
        int length = 64;
        int[] shortEvents = shortPiece.events();
        assertTrue(shortEvents.length < length);
        Random random = new Random(9);
        int fromShort = 0;
        for (int i = 0; i < 300; i++) {
            int[] crop = corpus.randomCrop(length, random);
            assertEquals(length, crop.length);
            if (crop[0] == shortEvents[0] && crop[shortEvents.length - 1] == PerformanceVocabulary.EOS
                    && crop[shortEvents.length] == PerformanceVocabulary.PAD) {
                fromShort++;
                int[] padded = Arrays.copyOf(shortEvents, length);
                Arrays.fill(padded, shortEvents.length, length, PerformanceVocabulary.PAD);
                assertArrayEquals(padded, crop);
            } else {
                assertTrue(isWindow(longPiece.events(), crop), "crop is not a window of a piece");
            }
        }
        // the short piece is one window among (long length - 63) + 1: rarely drawn
        int windows = longPiece.length() - length + 1 + 1;
        assertTrue(fromShort < 300.0 * 6 / windows + 5, "short piece drawn " + fromShort + " times");
        assertArrayEquals(corpus.randomCrop(length, new Random(4)), corpus.randomCrop(length, new Random(4)));
    }

    @Test
    void augmentedCropsUseValidIds() {
        PerformanceCorpus corpus = PerformanceCorpus.of(
                List.of(PerformanceCorpus.Piece.encode("p", scale(100, 60))), 0);
        int[][] batch = corpus.randomBatch(4, 32, new Random(2));
        assertEquals(4, batch.length);
        Random random = new Random(2);
        for (int i = 0; i < 20; i++) {
            int[] crop = corpus.randomCrop(32, random, Augmentation.paper());
            assertEquals(32, crop.length);
            for (int id : crop) {
                assertTrue(id >= 0 && id < PerformanceVocabulary.SIZE);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> corpus.randomCrop(0, new Random()));
        assertEquals("crop length (0) must be >= 1", e.getMessage());
    }

    @Test
    void loadsTheRealOpenMsxFolder() {
        assumeTrue(Files.isDirectory(MidiFixtures.OPENMSX), "openttd-openmsx is not installed");
        List<String> warnings = new ArrayList<>();
        PerformanceCorpus corpus = PerformanceCorpus.load(MidiFixtures.OPENMSX, warnings::add);
        assertTrue(corpus.summary().loaded() >= 20, corpus.summary().toString());
        assertEquals(0, corpus.summary().skipped(), warnings.toString());
        assertTrue(corpus.summary().totalEvents() > 100_000, corpus.summary().toString());
        assertFalse(corpus.pieces().isEmpty());
    }

    private static boolean isWindow(int[] events, int[] crop) {
        for (int start = 0; start + crop.length <= events.length; start++) {
            if (Arrays.equals(events, start, start + crop.length, crop, 0, crop.length)) {
                return true;
            }
        }
        return false;
    }
}

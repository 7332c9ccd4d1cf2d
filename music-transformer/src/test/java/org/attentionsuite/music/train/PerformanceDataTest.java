package org.attentionsuite.music.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceDataTest {
    private static final int L = 32;
    private static final int PAD = PerformanceVocabulary.PAD;

    /** Ten pieces of different lengths, each in its own pitch range so that crops identify their piece. */
    static PerformanceCorpus corpus() {
        List<PerformanceCorpus.Piece> pieces = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            List<Note> notes = new ArrayList<>();
            int count = 3 + 4 * p;                                  // piece 0 is shorter than a window
            for (int i = 0; i < count; i++) {
                double t = i * (0.1 + 0.01 * p);
                notes.add(new Note(20 + 10 * p + i % 7, 30 + 3 * i % 90, t, t + 0.05 + 0.01 * (i % 5)));
            }
            pieces.add(PerformanceCorpus.Piece.encode("piece" + p, new NoteSequence(notes)));
        }
        return PerformanceCorpus.of(pieces, 0);
    }

    @Test
    void holdsOutAFixedTenthOfThePiecesAtLeastOne() {
        assertArrayEquals(new int[] {1}, PerformanceData.validationIndices(2));
        assertArrayEquals(new int[] {4}, PerformanceData.validationIndices(8));
        assertArrayEquals(new int[] {5, 15}, PerformanceData.validationIndices(20));
        assertEquals(100, PerformanceData.validationIndices(1000).length);
        assertThrows(IllegalArgumentException.class, () -> PerformanceData.validationIndices(1));

        PerformanceData data = PerformanceData.of(corpus(), L, 4, Augmentation.none(), "mem");
        assertEquals(List.of("piece5"), data.validationPieces().stream().map(PerformanceCorpus.Piece::name).toList());
        assertEquals(9, data.trainingPieces().size());
        assertFalse(data.trainingPieces().stream().anyMatch(p -> p.name().equals("piece5")));
    }

    @Test
    void trainingRowsAreShiftedCropsOfOneTrainingPiece() {
        PerformanceData data = PerformanceData.of(corpus(), L, 4, Augmentation.none(), "mem");
        Random rng = new Random(3);
        for (int k = 0; k < 50; k++) {
            Batch b = data.trainBatch(rng);
            assertEquals(4, b.batch());
            assertEquals(L, b.length());
            for (int s = 0; s < b.batch(); s++) {
                int[] window = new int[L + 1];                      // input, then the last target
                System.arraycopy(b.inputs(), s * L, window, 0, L);
                int last = b.targets()[s * L + L - 1];
                window[L] = last < 0 ? PAD : last;
                for (int i = 0; i + 1 < L; i++) {
                    int t = b.targets()[s * L + i];
                    if (t >= 0) {
                        assertEquals(window[i + 1], t, "target " + i + " is the next input");
                    } else {
                        assertEquals(PAD, window[i + 1], "only padding is ignored");
                    }
                }
                assertTrue(occursIn(window, data.trainingPieces()), "row " + s + " is a crop of a training piece");
                assertFalse(occursIn(window, data.validationPieces()), "row " + s + " is not from the held-out piece");
            }
        }
    }

    @Test
    void augmentedBatchesStayInTheVocabularyAndNeverTargetPad() {
        PerformanceData data = PerformanceData.of(corpus(), L, 8, Augmentation.paper(), "mem");
        Random rng = new Random(5);
        for (int k = 0; k < 100; k++) {
            Batch b = data.trainBatch(rng);
            for (int i = 0; i < b.inputs().length; i++) {
                int x = b.inputs()[i];
                int y = b.targets()[i];
                assertTrue(x >= 0 && x < PerformanceVocabulary.SIZE, "input " + x);
                assertTrue(y == -1 || (y >= 0 && y < PerformanceVocabulary.SIZE && y != PAD), "target " + y);
            }
        }
        for (Batch b : data.validationBatches()) {
            for (int y : b.targets()) {
                assertTrue(y == -1 || (y >= 0 && y < PerformanceVocabulary.SIZE && y != PAD), "validation target " + y);
            }
        }
    }

    @Test
    void aPieceShorterThanTheWindowIsPaddedAndItsPaddingIgnored() {
        NoteSequence two = NoteSequence.of(new Note(60, 80, 0, 0.5), new Note(64, 80, 0.5, 1.0));
        PerformanceCorpus corpus = PerformanceCorpus.of(List.of(PerformanceCorpus.Piece.encode("a", two),
                PerformanceCorpus.Piece.encode("b", two)), 0);
        PerformanceData data = PerformanceData.of(corpus, L, 2, Augmentation.none(), "mem");
        int[] events = data.trainingPieces().get(0).events();         // ends with EOS
        Batch b = data.trainBatch(new Random(1));
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < L; i++) {
                int x = b.inputs()[s * L + i];
                int y = b.targets()[s * L + i];
                assertEquals(i < events.length ? events[i] : PAD, x, "input " + i);
                assertEquals(i + 1 < events.length ? events[i + 1] : -1, y, "target " + i);
            }
        }
    }

    @Test
    void augmentationChangesTheEventsButTheSeedFixesThem() {
        PerformanceData plain = PerformanceData.of(corpus(), L, 8, Augmentation.none(), "mem");
        PerformanceData aug = PerformanceData.of(corpus(), L, 8, Augmentation.paper(), "mem");
        assertArrayEquals(aug.trainBatch(new Random(9)).inputs(), aug.trainBatch(new Random(9)).inputs());
        assertFalse(java.util.Arrays.equals(plain.trainBatch(new Random(9)).inputs(),
                aug.trainBatch(new Random(9)).inputs()));
        assertNotEquals(plain.fingerprint(), aug.fingerprint());
    }

    @Test
    void validationTilesTheHeldOutPieceOnce() {
        PerformanceData data = PerformanceData.of(corpus(), L, 3, Augmentation.none(), "mem");
        int[] events = data.validationPieces().get(0).events();
        int counted = 0;
        List<Integer> targets = new ArrayList<>();
        for (Batch b : data.validationBatches()) {
            counted += b.countedTargets();
            for (int y : b.targets()) {
                if (y >= 0) {
                    targets.add(y);
                }
            }
        }
        assertEquals(events.length - 1, counted, "every event but the first is a target, once");
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i < events.length; i++) {
            expected.add(events[i]);
        }
        assertEquals(expected, targets);
        assertTrue(data.validationBatches().size() > 1, "the piece spans several batches");
        assertEquals(PerformanceVocabulary.EOS, (int) targets.get(targets.size() - 1));
    }

    @Test
    void bundledSongsSplitSevenToOne() {
        PerformanceData data = PerformanceData.bundled(64, 4, Augmentation.paper());
        assertEquals(7, data.trainingPieces().size());
        assertEquals(1, data.validationPieces().size());
        assertTrue(data.summary().startsWith("7 training pieces"), data.summary());
    }

    @Test
    void unusableFoldersAreNamedInOneLine(@TempDir Path dir) throws IOException {
        MusicDataException empty = assertThrows(MusicDataException.class,
                () -> PerformanceData.folder(dir, L, 4, Augmentation.none(), w -> { }));
        assertTrue(empty.getMessage().startsWith(dir.toString()), empty.getMessage());
        assertFalse(empty.getMessage().contains("\n"));

        org.attentionsuite.music.midi.MidiWriter.write(NoteSequence.of(new Note(60, 80, 0, 1)), dir.resolve("one.mid"));
        MusicDataException single = assertThrows(MusicDataException.class,
                () -> PerformanceData.folder(dir, L, 4, Augmentation.none(), w -> { }));
        assertTrue(single.getMessage().startsWith(dir + ": only 1 usable MIDI file"), single.getMessage());

        Path missing = dir.resolve("nowhere");
        MusicDataException none = assertThrows(MusicDataException.class,
                () -> PerformanceData.folder(missing, L, 4, Augmentation.none(), w -> { }));
        assertTrue(none.getMessage().startsWith(missing.toString()), none.getMessage());
    }

    private static boolean occursIn(int[] window, List<PerformanceCorpus.Piece> pieces) {
        for (PerformanceCorpus.Piece p : pieces) {
            int[] e = p.events();
            int n = e.length;
            for (int start = 0; start < Math.max(1, n - window.length + 1); start++) {
                boolean ok = true;
                for (int i = 0; i < window.length && ok; i++) {
                    int expected = start + i < n ? e[start + i] : PAD;
                    ok = window[i] == expected;
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }
}

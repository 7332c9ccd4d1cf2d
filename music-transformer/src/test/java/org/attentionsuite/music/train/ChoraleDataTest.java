package org.attentionsuite.music.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.junit.jupiter.api.Test;

class ChoraleDataTest {
    private static final int L = 16;

    /** Voice v sounds pitches in [70 − 10v, 80 − 10v); every fifth tenor cell is silent. */
    static Chorale chorale(int steps, int seed) {
        int[][] grid = new int[steps][4];
        for (int t = 0; t < steps; t++) {
            for (int v = 0; v < 4; v++) {
                grid[t][v] = v == 2 && (t + seed) % 5 == 0 ? Chorale.SILENT : 70 - 10 * v + (t * 3 + seed + v) % 10;
            }
        }
        return Chorale.of(grid);
    }

    static ChoraleDataset dataset() {
        List<Chorale> train = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            train.add(chorale(3 + 7 * i, i));                    // the first is shorter than a window
        }
        return new ChoraleDataset(train, List.of(chorale(9, 1), chorale(20, 2)), List.of());
    }

    @Test
    void windowsStartAtStepBoundariesSoPositionGivesTheVoice() {
        ChoraleData data = ChoraleData.of(dataset(), L, 4, "mem");
        Random rng = new Random(2);
        for (int k = 0; k < 100; k++) {
            Batch b = data.trainBatch(rng);
            for (int s = 0; s < b.batch(); s++) {
                for (int i = 0; i < L; i++) {
                    int x = b.inputs()[s * L + i];
                    int y = b.targets()[s * L + i];
                    assertTrue(x >= 0 && x < ChoraleEncoding.SIZE, "input " + x);
                    assertTrue(y == -1 || (y >= 0 && y < ChoraleEncoding.PAD) || y == ChoraleEncoding.EOS, "target " + y);
                    if (x < ChoraleEncoding.REST) {
                        int voice = i % 4;
                        assertTrue(x >= 70 - 10 * voice && x < 80 - 10 * voice,
                                "position " + i + " holds voice " + voice + ", got pitch " + x);
                    }
                    if (i + 1 < L && y >= 0) {
                        assertEquals(b.inputs()[s * L + i + 1], y, "targets are the inputs shifted by one");
                    }
                }
            }
        }
    }

    @Test
    void natsPerNoteChargesTheTotalLossToThePitchTargets() {
        ChoraleData data = ChoraleData.of(dataset(), L, 4, "mem");
        // valid chorales: 9 and 20 steps → 37 and 81 tokens with EOS; every token but the first is a target
        assertEquals(36 + 80, data.validationTokens());
        long notes = 0;
        for (Chorale c : dataset().valid()) {
            int[] t = ChoraleEncoding.encode(c);
            notes += ChoraleEncoding.noteCount(t) - (t[0] < ChoraleEncoding.REST ? 1 : 0);
        }
        assertEquals(notes, data.validationNotes());
        assertEquals(2.0 * 116 / notes, data.natsPerNote(2.0), 1e-12);
        assertTrue(data.describeLoss(2.0).contains("nats/note"));
    }

    @Test
    void lengthMustHoldWholeSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChoraleData.of(dataset(), 18, 4, "mem"));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void theJsbChoralesYieldAlignedStepsOfFourTokens() {
        ChoraleDataset jsb = ChoraleDataset.bundled();
        ChoraleData data = ChoraleData.of(jsb, 64, 8, "bundled");
        assertTrue(data.summary().startsWith(jsb.train().size() + " training chorales"), data.summary());
        List<int[]> encoded = jsb.train().stream().map(ChoraleEncoding::encodeWithEos).toList();
        Random rng = new Random(7);
        for (int k = 0; k < 5; k++) {
            Batch b = data.trainBatch(rng);
            for (int s = 0; s < b.batch(); s++) {
                int[] row = java.util.Arrays.copyOfRange(b.inputs(), s * 64, (s + 1) * 64);
                assertTrue(startsAtAStep(row, encoded), "row " + s + " is a step-aligned crop of a training chorale");
            }
        }
        assertTrue(data.validationNotes() > 0.8 * data.validationTokens(), "most chorale tokens are notes");
    }

    private static boolean startsAtAStep(int[] row, List<int[]> chorales) {
        for (int[] c : chorales) {
            for (int start = 0; start < c.length; start += 4) {
                boolean ok = true;
                for (int i = 0; i < row.length && ok; i++) {
                    ok = row[i] == (start + i < c.length ? c[start + i] : ChoraleEncoding.PAD);
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void transpositionShiftsEveryPitchOfATrainingWindowAndNeverTheValidation() {
        ChoraleDataset data = ChoraleDataset.bundled();
        ChoraleData plain = ChoraleData.of(data, 32, 4, "bundled");
        ChoraleData shifted = plain.withTransposition(3);
        assertEquals(plain.validationBatches().get(0).targets().length, shifted.validationBatches().get(0).targets().length);
        assertArrayEquals(plain.validationBatches().get(0).targets(), shifted.validationBatches().get(0).targets());
        java.util.Set<Integer> shifts = new java.util.HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            org.attentionsuite.core.model.Batch a = plain.trainBatch(new java.util.Random(seed));
            org.attentionsuite.core.model.Batch b = shifted.trainBatch(new java.util.Random(seed));
            // the same windows (the shift is drawn after each window), each moved as a whole
            int[] ta = a.targets();
            int[] tb = b.targets();
            for (int w = 0; w < 4; w++) {
                Integer shift = null;
                for (int i = w * 32; i < (w + 1) * 32; i++) {
                    if (ta[i] >= 0 && ta[i] < ChoraleEncoding.REST) {
                        int d = tb[i] - ta[i];
                        assertTrue(shift == null || shift == d, "one shift per window");
                        shift = d;
                    } else {
                        assertEquals(ta[i], tb[i], "rests, PAD, EOS and ignored targets stay");
                    }
                }
                if (shift != null) {
                    assertTrue(Math.abs(shift) <= 3, "shift " + shift);
                    shifts.add(shift);
                }
                if (w == 0) {
                    break;                                   // later windows drew differently: one per batch is enough
                }
            }
        }
        assertTrue(shifts.size() >= 5, "shifts seen: " + shifts);
        assertThrows(IllegalArgumentException.class, () -> plain.withTransposition(13));
    }
}

package org.attentionsuite.music.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.junit.jupiter.api.Test;

class ChoraleStatisticsTest {
    @Test
    void voicingCountsStepsWithFourVoicesInRangeAndInOrder() {
        Chorale c = Chorale.of(new int[][] {
            {72, 67, 64, 48},                 // C major, well voiced
            {64, 67, 60, 48},                 // soprano below alto: out of order
            {72, 67, Chorale.SILENT, 48},     // a silent voice
            {84, 67, 64, 48},                 // soprano above G5
        });
        assertEquals(0.25, ChoraleStatistics.voicing(List.of(c)), 1e-12);
        double[] h = ChoraleStatistics.pitchClasses(List.of(c));
        assertEquals(1.0, java.util.Arrays.stream(h).sum(), 1e-12);
        assertEquals(8.0 / 15, h[0], 1e-12);                         // 15 notes, two Cs in each step
        assertEquals(0.0, ChoraleStatistics.distance(h, h), 1e-12);
        double[] onlyC = new double[12];
        onlyC[0] = 1;
        double[] onlyG = new double[12];
        onlyG[7] = 1;
        assertEquals(1.0, ChoraleStatistics.distance(onlyC, onlyG), 1e-12);
    }

    @Test
    void bachIsMostlyWellVoicedAndTheSplitsShareTheirPitchClasses() {
        ChoraleDataset d = ChoraleDataset.bundled();
        double v = ChoraleStatistics.voicing(d.test());
        assertTrue(v > 0.8 && v < 1.0, "Bach's test chorales: " + v);
        double gap = ChoraleStatistics.distance(ChoraleStatistics.pitchClasses(d.valid()),
                ChoraleStatistics.pitchClasses(d.test()));
        assertTrue(gap < 0.1, "valid vs test pitch classes: " + gap);
    }
}

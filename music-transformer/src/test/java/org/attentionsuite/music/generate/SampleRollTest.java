package org.attentionsuite.music.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.attentionsuite.music.render.RollLabels;
import org.junit.jupiter.api.Test;

class SampleRollTest {

    @Test
    void thePrimerEndsAfterItsTimeShifts() {
        int[] tokens = {PerformanceVocabulary.noteOn(60), PerformanceVocabulary.timeShift(50),
            PerformanceVocabulary.noteOff(60), PerformanceVocabulary.timeShift(100),
            // generated from here on: its time shifts do not count
            PerformanceVocabulary.noteOn(62), PerformanceVocabulary.timeShift(30)};
        RollLabels labels = SampleRoll.labels(MusicEncoding.PERFORMANCE,
                new Sample(tokens, 4, false, 1.8));
        // 150 steps of 10 ms
        assertEquals(1.5, labels.primerEndSeconds().getAsDouble(), 1e-12);
        assertEquals(Map.of(), labels.voiceNames());
    }

    @Test
    void musicFromScratchHasNoPrimerMarker() {
        int[] start = MusicEncoding.PERFORMANCE.startTokens();
        int[] tokens = {start[0], PerformanceVocabulary.noteOn(60),
            PerformanceVocabulary.timeShift(100)};
        RollLabels labels = SampleRoll.labels(MusicEncoding.PERFORMANCE,
                new Sample(tokens, start.length, false, 1.0));
        assertTrue(labels.primerEndSeconds().isEmpty());
    }

    @Test
    void choralesNameTheirFourVoices() {
        int[] start = MusicEncoding.CHORALE.startTokens();
        RollLabels labels = SampleRoll.labels(MusicEncoding.CHORALE,
                new Sample(start, start.length, false, 0.125));
        assertEquals(Map.of(0, "soprano", 1, "alto", 2, "tenor", 3, "bass"), labels.voiceNames());
        assertTrue(labels.primerEndSeconds().isEmpty());
    }
}

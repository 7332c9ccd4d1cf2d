package org.attentionsuite.music.performance;

import static org.attentionsuite.music.performance.PerformanceVocabulary.EventType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerformanceVocabularyTest {

    @Test
    void layoutOfThePaper() {
        assertEquals(0, PerformanceVocabulary.noteOn(0));
        assertEquals(127, PerformanceVocabulary.noteOn(127));
        assertEquals(128, PerformanceVocabulary.noteOff(0));
        assertEquals(255, PerformanceVocabulary.noteOff(127));
        assertEquals(256, PerformanceVocabulary.timeShift(1));
        assertEquals(355, PerformanceVocabulary.timeShift(100));
        assertEquals(356, PerformanceVocabulary.velocity(0));
        assertEquals(387, PerformanceVocabulary.velocity(31));
        assertEquals(388, PerformanceVocabulary.PAD);
        assertEquals(389, PerformanceVocabulary.EOS);
        assertEquals(390, PerformanceVocabulary.SIZE);
    }

    @Test
    void everyIdHasOneTypeAndValueThatRebuildIt() {
        Set<Integer> rebuilt = new HashSet<>();
        for (int id = 0; id < PerformanceVocabulary.SIZE; id++) {
            int value = PerformanceVocabulary.value(id);
            int again = switch (PerformanceVocabulary.type(id)) {
                case NOTE_ON -> PerformanceVocabulary.noteOn(value);
                case NOTE_OFF -> PerformanceVocabulary.noteOff(value);
                case TIME_SHIFT -> PerformanceVocabulary.timeShift(value);
                case VELOCITY -> PerformanceVocabulary.velocity(value);
                case PAD -> PerformanceVocabulary.PAD;
                case EOS -> PerformanceVocabulary.EOS;
            };
            assertEquals(id, again, PerformanceVocabulary.describe(id));
            rebuilt.add(again);
        }
        assertEquals(PerformanceVocabulary.SIZE, rebuilt.size());
        assertEquals(EventType.TIME_SHIFT, PerformanceVocabulary.type(300));
    }

    @Test
    void velocityBinsMatchANaiveScan() {
        // naive: bins are consecutive runs of 4 velocities starting at 1
        for (int velocity = 1; velocity <= 127; velocity++) {
            int bin = 0;
            for (int low = 1; low + 4 <= velocity; low += 4) {
                bin++;
            }
            assertEquals(bin, PerformanceVocabulary.velocityToBin(velocity), "velocity " + velocity);
            int back = PerformanceVocabulary.binToVelocity(bin);
            assertTrue(back <= velocity && velocity - back <= 3, "velocity " + velocity);
        }
        assertEquals(31, PerformanceVocabulary.velocityToBin(127));
        assertEquals(125, PerformanceVocabulary.binToVelocity(31));
    }

    @Test
    void describesEventsForHumans() {
        assertEquals("NOTE_ON(60 C4)", PerformanceVocabulary.describe(60));
        assertEquals("NOTE_OFF(61 C#4)", PerformanceVocabulary.describe(128 + 61));
        assertEquals("TIME_SHIFT(250 ms)", PerformanceVocabulary.describe(256 + 24));
        assertEquals("VELOCITY(bin 20, v=81)", PerformanceVocabulary.describe(356 + 20));
        assertEquals("PAD", PerformanceVocabulary.describe(388));
        assertEquals("EOS", PerformanceVocabulary.describe(389));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerformanceVocabulary.describe(390));
        assertEquals("event id (390) must be in 0..389", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PerformanceVocabulary.timeShift(0));
    }
}

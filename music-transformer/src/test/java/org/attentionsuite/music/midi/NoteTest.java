package org.attentionsuite.music.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoteTest {

    @Test
    void rejectsOutOfRangeValuesWithClearMessages() {
        assertMessage("pitch (128) must be in 0..127", () -> new Note(128, 64, 0, 1));
        assertMessage("velocity (0) must be in 1..127", () -> new Note(60, 0, 0, 1));
        assertMessage("program (-1) must be in 0..127", () -> new Note(60, 64, 0, 1, -1, 0));
        assertMessage("channel (16) must be in 0..15", () -> new Note(60, 64, 0, 1, 0, 16));
        assertMessage("startSeconds (-0.5) must be finite and >= 0", () -> new Note(60, 64, -0.5, 1));
        assertMessage("endSeconds (1.0) must be finite and after startSeconds (1.0)",
                () -> new Note(60, 64, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Note(60, 64, 0, Double.NaN));
    }

    @Test
    void sequenceSortsCopiesAndMeasures() {
        Note late = new Note(60, 64, 2.0, 2.5);
        Note high = new Note(72, 64, 0.0, 3.0);
        Note low = new Note(48, 64, 0.0, 1.0);
        List<Note> input = new ArrayList<>(List.of(late, high, low));
        NoteSequence sequence = new NoteSequence(input);
        assertEquals(List.of(low, high, late), sequence.notes());
        assertEquals(List.of(late, high, low), input, "input must not be reordered");
        input.clear();
        assertEquals(3, sequence.size(), "the sequence keeps its own copy");
        assertEquals(3.0, sequence.totalSeconds());
        assertEquals(0.0, NoteSequence.empty().totalSeconds());
        assertThrows(UnsupportedOperationException.class, () -> sequence.notes().add(low));
        assertTrue(NoteSequence.empty().isEmpty());
    }

    private static void assertMessage(String expected, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(expected, e.getMessage());
    }
}

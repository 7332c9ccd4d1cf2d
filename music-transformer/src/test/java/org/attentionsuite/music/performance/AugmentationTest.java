package org.attentionsuite.music.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static final NoteSequence MELODY = NoteSequence.of(
            new Note(60, 80, 1.0, 2.0, 3, 1), new Note(64, 70, 2.0, 4.0), new Note(67, 60, 4.0, 5.0));

    @Test
    void transposeMovesPitchesAndDropsNotesLeavingTheKeyboard() {
        NoteSequence edges = NoteSequence.of(new Note(1, 80, 0, 1), new Note(60, 80, 0, 1),
                new Note(126, 80, 0, 1));
        assertEquals(List.of(new Note(4, 80, 0, 1), new Note(63, 80, 0, 1)),
                Augmentation.transpose(edges, 3).notes(), "126 + 3 is dropped");
        assertEquals(List.of(new Note(57, 80, 0, 1), new Note(123, 80, 0, 1)),  // 1 - 3 dropped
                Augmentation.transpose(edges, -3).notes());
        Note kept = Augmentation.transpose(MELODY, 2).notes().get(0);
        assertEquals(new Note(62, 80, 1.0, 2.0, 3, 1), kept, "program and channel are kept");
    }

    @Test
    void stretchScalesEveryTime() {
        NoteSequence slower = Augmentation.stretch(MELODY, 1.05);
        for (int i = 0; i < MELODY.size(); i++) {
            Note o = MELODY.notes().get(i);
            Note s = slower.notes().get(i);
            assertEquals(o.startSeconds() * 1.05, s.startSeconds(), 1e-12);
            assertEquals(o.endSeconds() * 1.05, s.endSeconds(), 1e-12);
            assertEquals(o.pitch(), s.pitch());
        }
        assertEquals(5.0 * 1.05, slower.totalSeconds(), 1e-12);
    }

    @Test
    void paperAugmentationDrawsEveryChoiceAndNothingElse() {
        Augmentation paper = Augmentation.paper();
        Random random = new Random(1);
        Set<Integer> shifts = new TreeSet<>();
        Set<Double> factors = new TreeSet<>();
        for (int i = 0; i < 400; i++) {
            NoteSequence out = paper.apply(MELODY, random);
            Note first = out.notes().get(0);
            shifts.add(first.pitch() - 60);
            factors.add(Math.round(first.startSeconds() * 1000) / 1000.0);   // original onset 1 s
        }
        assertEquals(Set.of(-3, -2, -1, 0, 1, 2, 3), shifts);
        assertEquals(Set.of(0.95, 0.975, 1.0, 1.025, 1.05), factors);
        assertEquals(3, MELODY.size(), "the input is not modified");
        assertEquals(60, MELODY.notes().get(0).pitch());
    }

    @Test
    void validatesChoices() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(List.of(), List.of(1.0)));
        assertEquals("transpositions and stretchFactors must each offer at least one choice",
                empty.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new Augmentation(List.of(0), List.of(-1.0)));
        assertEquals("stretch factor (-1.0) must be finite and positive", negative.getMessage());
    }
}

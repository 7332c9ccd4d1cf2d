package org.attentionsuite.music.chorale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;

class ChoraleEncodingTest {

    /** Two steps: the alto rests on the second, the bass moves. */
    private static final int[][] GRID = {{60, 55, 52, 48}, {60, -1, 52, 47}};

    @Test
    void serializesSopranoAltoTenorBassPerStep() {
        int[] tokens = ChoraleEncoding.encode(Chorale.of(GRID));
        assertArrayEquals(new int[] {60, 55, 52, 48, 60, ChoraleEncoding.REST, 52, 47}, tokens);
        assertEquals(7, ChoraleEncoding.noteCount(tokens));
        int[] withEos = ChoraleEncoding.encodeWithEos(Chorale.of(GRID));
        assertEquals(ChoraleEncoding.EOS, withEos[8]);
        assertEquals(131, ChoraleEncoding.SIZE);
        assertEquals(7, ChoraleEncoding.noteCount(withEos), "EOS is not a note");
    }

    @Test
    void decodeSkipsPadStopsAtEosAndDropsAPartialStep() {
        int[] tokens = {60, 55, ChoraleEncoding.PAD, 52, 48, 60, 128, 52, 47, 61, 62,
                ChoraleEncoding.EOS, 70, 70, 70, 70};
        assertArrayEquals(GRID, ChoraleEncoding.decode(tokens).toGrid());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChoraleEncoding.decode(new int[] {60, 131}));
        assertEquals("token 131 at position 1 must be in 0..130", e.getMessage());
    }

    @Test
    void randomGridsRoundTrip() {
        Random random = new Random(8);
        for (int trial = 0; trial < 20; trial++) {
            int[][] grid = new int[1 + random.nextInt(64)][4];
            for (int[] step : grid) {
                for (int v = 0; v < 4; v++) {
                    step[v] = random.nextInt(10) == 0 ? Chorale.SILENT : random.nextInt(128);
                }
            }
            assertArrayEquals(grid, ChoraleEncoding.decode(
                    ChoraleEncoding.encode(Chorale.of(grid))).toGrid());
        }
    }

    @Test
    void notesMergeHeldPitchesPerVoice() {
        NoteSequence notes = ChoraleEncoding.toNoteSequence(Chorale.of(GRID));
        double s = ChoraleEncoding.STEP_SECONDS;
        int v = ChoraleEncoding.VELOCITY;
        assertEquals(new NoteSequence(List.of(
                new Note(60, v, 0, 2 * s, 0, 0),          // soprano held over both steps
                new Note(55, v, 0, s, 0, 1),              // alto, then a rest
                new Note(52, v, 0, 2 * s, 0, 2),          // tenor held
                new Note(48, v, 0, s, 0, 3),              // bass moves
                new Note(47, v, s, 2 * s, 0, 3))), notes);
    }

    @Test
    void noteCountEqualsNaiveRunCountWhenNothingRepeats() {
        Random random = new Random(2);
        int[][] grid = new int[200][4];
        for (int[] step : grid) {
            for (int v = 0; v < 4; v++) {
                step[v] = random.nextInt(6) == 0 ? Chorale.SILENT : 40 + random.nextInt(3);
            }
        }
        // naive: a note starts wherever a voice sounds a pitch different from the step before
        int runs = 0;
        for (int v = 0; v < 4; v++) {
            for (int t = 0; t < grid.length; t++) {
                if (grid[t][v] != Chorale.SILENT && (t == 0 || grid[t - 1][v] != grid[t][v])) {
                    runs++;
                }
            }
        }
        assertEquals(runs, ChoraleEncoding.toNoteSequence(Chorale.of(grid)).size());
    }

    @Test
    void choraleValidatesItsGrid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chorale.of(new int[][] {{60, 55, 52}}));
        assertEquals("step 0: expected 4 pitches, found 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Chorale.of(new int[][] {{60, 55, 52, 48}, {60, 128, 52, 48}}));
        assertEquals("step 1, voice 1: pitch 128 must be in 0..127 or -1 (silent)", e.getMessage());
        int[][] grid = {{60, 55, 52, 48}};
        Chorale chorale = Chorale.of(grid);
        grid[0][0] = 1;
        assertEquals(60, chorale.pitch(0, 0), "the chorale keeps its own copy");
    }
}

package org.attentionsuite.music.chorale;

import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;

/**
 * One chorale as a grid of 16th-note steps by four voices (soprano, alto, tenor, bass). Each
 * cell is a MIDI pitch 0..127 or {@link #SILENT}. Immutable.
 */
public final class Chorale {

    /** Voices per step: soprano, alto, tenor, bass. */
    public static final int VOICES = 4;
    /** The voices' names, by voice index (= MIDI channel of a decoded chorale). */
    public static final List<String> VOICE_NAMES = List.of("soprano", "alto", "tenor", "bass");
    /** The cell value of a silent voice. */
    public static final int SILENT = -1;

    private final int[] cells;          // (steps * VOICES), step-major

    private Chorale(int[] cells) {
        this.cells = cells;
    }

    /**
     * Builds a chorale from a grid.
     *
     * @param grid {@code steps x 4} pitches (copied); each 0..127 or {@link #SILENT}
     * @return the chorale
     * @throws IllegalArgumentException naming the first bad step or pitch
     */
    public static Chorale of(int[][] grid) {
        int[] cells = new int[grid.length * VOICES];
        for (int step = 0; step < grid.length; step++) {
            if (grid[step] == null || grid[step].length != VOICES) {
                throw new UserError("step " + step + ": expected " + VOICES
                        + " pitches, found " + (grid[step] == null ? 0 : grid[step].length));
            }
            for (int voice = 0; voice < VOICES; voice++) {
                int pitch = grid[step][voice];
                if (pitch != SILENT && (pitch < 0 || pitch > 127)) {
                    throw new UserError("step " + step + ", voice " + voice
                            + ": pitch " + pitch + " must be in 0..127 or -1 (silent)");
                }
                cells[step * VOICES + voice] = pitch;
            }
        }
        return new Chorale(cells);
    }

    /** @return the number of 16th-note steps */
    public int steps() {
        return cells.length / VOICES;
    }

    /**
     * @param step the step, 0-based
     * @param voice 0 soprano, 1 alto, 2 tenor, 3 bass
     * @return the pitch, or {@link #SILENT}
     */
    public int pitch(int step, int voice) {
        if (step < 0 || step >= steps() || voice < 0 || voice >= VOICES) {
            throw new IndexOutOfBoundsException("step " + step + " / voice " + voice
                    + " outside " + steps() + " steps x " + VOICES + " voices");
        }
        return cells[step * VOICES + voice];
    }

    /** @return a copy of the grid, {@code steps x 4} */
    public int[][] toGrid() {
        int[][] grid = new int[steps()][];
        for (int step = 0; step < grid.length; step++) {
            grid[step] = Arrays.copyOfRange(cells, step * VOICES, (step + 1) * VOICES);
        }
        return grid;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Chorale that && Arrays.equals(cells, that.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "Chorale[" + steps() + " steps]";
    }
}

package org.attentionsuite.music.eval;

import java.util.List;
import org.attentionsuite.music.chorale.Chorale;

/**
 * Measures of four-part writing that likelihood does not show, computed the same way for sampled
 * chorales and for real ones (the ceiling):
 * <ul>
 *   <li>{@link #voicing}: the fraction of steps where all four voices sound within their SATB ranges
 *       ({@link #RANGES}) and in order, soprano ≥ alto ≥ tenor ≥ bass;</li>
 *   <li>{@link #pitchClasses}: the distribution of sounding pitch classes (C, C#, …, B), and
 *       {@link #distance} between two of them (total variation, ½·Σ|p − q|: 0 is identical, 1 disjoint).</li>
 * </ul>
 */
public final class ChoraleStatistics {
    /**
     * The usual ranges of the four voices, lowest and highest MIDI pitch: soprano C4–G5,
     * alto G3–C5, tenor C3–G4, bass E2–C4.
     */
    public static final int[][] RANGES = {{60, 79}, {55, 72}, {48, 67}, {40, 60}};

    private ChoraleStatistics() {
    }

    /** The fraction of all steps of {@code chorales} with four voices in range and in order. */
    public static double voicing(List<Chorale> chorales) {
        long steps = 0;
        long good = 0;
        for (Chorale c : chorales) {
            for (int s = 0; s < c.steps(); s++) {
                steps++;
                good += wellVoiced(c, s) ? 1 : 0;
            }
        }
        return steps == 0 ? Double.NaN : good / (double) steps;
    }

    /** Whether step {@code s} has all four voices sounding, each in its range, in SATB order. */
    static boolean wellVoiced(Chorale c, int s) {
        int previous = Integer.MAX_VALUE;
        for (int v = 0; v < Chorale.VOICES; v++) {
            int p = c.pitch(s, v);
            if (p == Chorale.SILENT || p < RANGES[v][0] || p > RANGES[v][1] || p > previous) {
                return false;
            }
            previous = p;
        }
        return true;
    }

    /** The share of each pitch class among the sounding notes of every step (12 values summing to 1). */
    public static double[] pitchClasses(List<Chorale> chorales) {
        double[] h = new double[12];
        long n = 0;
        for (Chorale c : chorales) {
            for (int s = 0; s < c.steps(); s++) {
                for (int v = 0; v < Chorale.VOICES; v++) {
                    int p = c.pitch(s, v);
                    if (p != Chorale.SILENT) {
                        h[p % 12]++;
                        n++;
                    }
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            h[i] = n == 0 ? Double.NaN : h[i] / n;
        }
        return h;
    }

    /** Total variation distance {@code ½·Σ|p − q|} between two distributions. */
    public static double distance(double[] p, double[] q) {
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            d += Math.abs(p[i] - q[i]);
        }
        return d / 2;
    }
}

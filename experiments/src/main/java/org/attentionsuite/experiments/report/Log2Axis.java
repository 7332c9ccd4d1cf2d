package org.attentionsuite.experiments.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A logarithmic x axis labelled with the measured values themselves (256, 512, 1024 …), not
 * XChart's decades (XChart 3.8 labels a log axis 256..2048 with "1000" only).
 *
 * <p>Values are plotted at {@link #position}{@code (x) = log2(x)} on a linear axis, and the tick
 * formatter {@link #label} prints the value a position stands for. XChart puts ticks exactly at
 * the data positions when the distinct positions, in the order the series are added, are equally
 * spaced; {@link #ticks} gives them sorted, for a hidden first series, so that any geometric set of
 * values (each a fixed multiple of the one before, as sweeps use) is labelled at every value
 * whatever the order of the series. For other values XChart spaces the ticks itself, still labelled
 * with the values they stand for.
 */
final class Log2Axis {
    private static final double LN2 = Math.log(2);

    private Log2Axis() {
    }

    /** {@code log2(x)} for {@code x > 0}. */
    static double position(double x) {
        return Math.log(x) / LN2;
    }

    /** The value at {@code position}, {@code 2^position}: a whole number if it is one, else 3 significant digits. */
    static String label(double position) {
        double value = Math.pow(2, position);
        long whole = Math.round(value);
        return Math.abs(value - whole) <= 1e-6 * Math.max(1, value) ? Long.toString(whole)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    /** The sorted distinct positions of every point of {@code xs} (each already a position). */
    static double[] ticks(List<double[]> xs) {
        return xs.stream().flatMapToDouble(Arrays::stream).distinct().sorted().toArray();
    }
}

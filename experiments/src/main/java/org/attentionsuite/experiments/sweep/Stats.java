package org.attentionsuite.experiments.sweep;

import java.util.Arrays;

/**
 * Median, minimum and maximum of some timings, in seconds.
 *
 * @param median median (the mean of the two middle values for an even count)
 * @param min    fastest
 * @param max    slowest
 * @param count  number of timings
 */
public record Stats(double median, double min, double max, int count) {
    /** No timings (a skipped point). */
    public static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);

    /** The statistics of {@code seconds} (at least one value). */
    public static Stats of(double[] seconds) {
        if (seconds.length == 0) {
            return NONE;
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Stats(median, s[0], s[n - 1], n);
    }
}

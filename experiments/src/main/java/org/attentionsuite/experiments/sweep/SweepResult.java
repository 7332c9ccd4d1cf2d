package org.attentionsuite.experiments.sweep;

import java.util.List;
import java.util.Optional;
import org.attentionsuite.core.UserError;

/**
 * What the cost sweep measured.
 *
 * @param options     what was asked
 * @param rows        one row per (variant, length), variants in option order, lengths increasing
 * @param slopes      the log-log slopes per variant
 * @param memoryCheck the paper's skewed-vs-pairwise memory check, if asked for
 */
public record SweepResult(SweepOptions options, List<SweepRow> rows, List<Slope> slopes,
        Optional<MemoryCheck> memoryCheck) {
    public SweepResult {
        rows = List.copyOf(rows);
        slopes = List.copyOf(slopes);
    }

    /**
     * Least-squares slopes of {@code log y} against {@code log L} over the measured lengths of one
     * variant: 1 means linear, 2 quadratic. NaN with fewer than two measured lengths.
     *
     * @param variant the variant's label
     * @param time    slope of the forward + backward median time
     * @param memory  slope of the measured bytes
     * @param points  measured lengths used
     */
    public record Slope(String variant, double time, double memory, int points) {
    }

    /**
     * The memory comparison of Huang et al. (2018, §3.4.1) at one length with one head: the skew
     * needs {@code O(L·Dh + L²)} (the gathered table plus the logits), the pairwise tensor
     * {@code O(L²·Dh)}.
     *
     * @param length           {@code L}
     * @param headDim          {@code Dh}
     * @param skewedMeasured   bytes the skewed variant allocated for one forward + backward
     * @param skewedAnalytic   {@code (L·Dh + L²)·4}
     * @param pairwiseMeasured bytes the pairwise variant allocated, or −1 when it was not run
     * @param pairwiseAnalytic {@code L²·Dh·4}
     * @param pairwiseNote     why the pairwise variant was not run (empty if it was)
     */
    public record MemoryCheck(int length, int headDim, long skewedMeasured, long skewedAnalytic,
            long pairwiseMeasured, long pairwiseAnalytic, String pairwiseNote) {
    }

    /** The row of {@code variant} at {@code length}, if any. */
    public Optional<SweepRow> row(String variant, int length) {
        return rows.stream().filter(r -> r.variant().equals(variant) && r.length() == length).findFirst();
    }

    /** The slopes of {@code variant}. */
    public Slope slope(String variant) {
        return slopes.stream().filter(s -> s.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new UserError("no variant " + variant + " in this sweep"));
    }
}

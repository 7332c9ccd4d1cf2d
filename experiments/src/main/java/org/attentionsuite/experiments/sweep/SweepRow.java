package org.attentionsuite.experiments.sweep;

/**
 * One (variant, length) point of the sweep.
 *
 * @param variant         the variant's label
 * @param length          sequence length {@code L}
 * @param side            image side for local 2D ({@code L = side²}), else 0
 * @param measured        false when the point was skipped (then timings are {@link Stats#NONE} and
 *                        {@code measuredBytes} is −1)
 * @param note            why it was skipped or cut short; empty otherwise
 * @param forward         forward seconds per call
 * @param forwardBackward forward + backward seconds per call
 * @param measuredBytes   native bytes the variant allocated during its first forward + backward
 *                        ({@code Storage.allocatedBytes()} difference; inputs and gradients excluded)
 * @param analyticBytes   the variant's analytic bytes: its
 *                        {@link org.attentionsuite.core.attention.AttentionSpec#analyticElements} in the
 *                        sweep's precision
 * @param forwardFlops    analytic forward FLOPs
 * @param forwardBackwardFlops analytic forward + backward FLOPs
 */
public record SweepRow(String variant, int length, int side, boolean measured, String note, Stats forward,
        Stats forwardBackward, long measuredBytes, long analyticBytes, double forwardFlops,
        double forwardBackwardFlops) {
}

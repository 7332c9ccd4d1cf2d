package org.attentionsuite.app.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attentionsuite.experiments.evaluate.Score;

/**
 * The last {@code suite models verify}: every full-set measurement recorded in {@code models.json}
 * measured again and compared with its record, when and where.
 *
 * <p>What counts as the same number: a loss (the score in its unit, and the second unit of
 * chorales) within {@value #LOSS_TOLERANCE} (float32 sums in another order, on another CPU's BLAS
 * kernels, move the fifth decimal at most), and the same count of targets. A measure of samples
 * (classifier accuracy, sample agreement, chorale statistics) is a new random draw whenever the
 * sampled numbers differ in their last bits, so it must agree within its sampling error: three
 * standard errors of the difference of two independent draws of the same size, {@code 3·√2·se},
 * where {@code se} is the standard error of today's draw ({@link
 * org.attentionsuite.experiments.evaluate.SampleQuality.Measures}); never tighter than the loss
 * tolerance, for numbers of fixed data.
 *
 * @param date    when it ran (ISO-8601, UTC)
 * @param machine where it ran: cores, CPU, JVM
 * @param rows    every number compared
 */
public record Verification(String date, String machine, List<Row> rows) {
    /** Largest difference of a loss from its record. */
    public static final double LOSS_TOLERANCE = 1e-4;
    /** Standard errors of a difference of two draws that a sample measure may differ by. */
    public static final double SIGMAS = 3;

    public Verification {
        rows = List.copyOf(rows);
    }

    /**
     * One number measured again.
     *
     * @param model     the shipped model
     * @param measure   what was measured, e.g. {@code "test bits/dim"}
     * @param recorded  the number in {@code models.json}
     * @param now       the number measured now
     * @param tolerance the largest difference allowed
     */
    public record Row(String model, String measure, double recorded, double now, double tolerance) {
        /** Whether {@code now} is within {@code tolerance} of {@code recorded} (NaN only with NaN). */
        public boolean passed() {
            if (Double.isNaN(recorded) || Double.isNaN(now)) {
                return Double.isNaN(recorded) && Double.isNaN(now);
            }
            return Math.abs(now - recorded) <= tolerance;
        }
    }

    /** Whether every row passed. */
    public boolean passed() {
        return rows.stream().allMatch(Row::passed);
    }

    /** The rows comparing {@code now} with {@code recorded}, the measurement {@code what} of {@code model}. */
    public static List<Row> compare(String model, String what, ModelCard.Measured recorded, Score now) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(model, what + " targets", recorded.targets(), now.targets(), 0));
        rows.add(new Row(model, what + " " + recorded.unit(), recorded.value(), now.value(), LOSS_TOLERANCE));
        if (recorded.secondUnit() != null) {
            rows.add(new Row(model, what + " " + recorded.secondUnit(), recorded.second(), now.second(),
                    LOSS_TOLERANCE));
        }
        for (Map.Entry<String, Double> e : recorded.samples().entrySet()) {
            String name = e.getKey();
            double se = now.sampleErrors().getOrDefault(name, Double.NaN);
            rows.add(new Row(model, name.replace('_', ' '), e.getValue(),
                    now.samples().getOrDefault(name, Double.NaN),
                    Math.max(LOSS_TOLERANCE, SIGMAS * Math.sqrt(2) * se)));
        }
        return rows;
    }
}

package org.attentionsuite.experiments.evaluate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss of a model on a data set, in nats per target and in the task's unit(s).
 *
 * @param checkpoint   the model's file (or name)
 * @param data         what it was scored on
 * @param targets      counted targets
 * @param nats         mean loss in nats per target
 * @param value        the loss in {@code unit}
 * @param unit         the task's unit, e.g. {@code "bits/dim"}
 * @param second       the loss in a second unit (nats/note for chorales), or NaN
 * @param secondUnit   the second unit, or null
 * @param samples      sample quality ({@link SampleQuality}), empty unless asked for
 * @param sampleErrors the standard error of each sample measure, by the same names
 */
public record Score(String checkpoint, String data, long targets, double nats, double value, String unit,
        double second, String secondUnit, Map<String, Double> samples, Map<String, Double> sampleErrors) {
    public Score {
        samples = samples == null ? Map.of() : new LinkedHashMap<>(samples);
        sampleErrors = sampleErrors == null ? Map.of() : new LinkedHashMap<>(sampleErrors);
    }

    /** This score with sample-quality measures. */
    public Score withSamples(SampleQuality.Measures m) {
        return new Score(checkpoint, data, targets, nats, value, unit, second, secondUnit, m.values(), m.errors());
    }
}

package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import java.util.List;

/**
 * What a quality comparison measured.
 *
 * @param task     the task's name
 * @param options  how every arm was trained
 * @param units    unit labels, in the order of {@link ArmResult#finalInUnits()}
 * @param dataFingerprint fingerprint of the task's data (before the arms' views)
 * @param arms     one result per arm, in task order
 */
public record QualityResult(String task, QualityOptions options, List<String> units, String dataFingerprint,
        List<ArmResult> arms) {
    public QualityResult {
        units = List.copyOf(units);
        arms = List.copyOf(arms);
    }

    /**
     * A validation point.
     *
     * @param step    steps done (0 = before training)
     * @param seconds wall time since the arm's training started (evaluations included)
     * @param nats    validation loss, nats per target
     * @param primary the same in the task's first unit
     */
    public record Point(long step, double seconds, double nats, double primary) {
    }

    /**
     * One arm's run.
     *
     * @param label          the arm's label
     * @param attention      the attention spec's label
     * @param position       the position spec's label
     * @param parameters     scalar parameters
     * @param steps          steps trained
     * @param secondsPerStep mean wall time of a training step (evaluations excluded)
     * @param wallSeconds    wall time of the whole run (evaluations included)
     * @param curve          validation points, step 0 first
     * @param finalNats      validation loss after the last step, nats per target
     * @param finalInUnits   the same in each unit of the task
     */
    public record ArmResult(String label, String attention, String position, long parameters, long steps,
            double secondsPerStep, double wallSeconds, List<Point> curve, double finalNats,
            List<Double> finalInUnits) {
        public ArmResult {
            curve = List.copyOf(curve);
            finalInUnits = List.copyOf(finalInUnits);
        }
    }

    /** The result of the arm labelled {@code label}. */
    public ArmResult arm(String label) {
        return arms.stream().filter(a -> a.label().equals(label)).findFirst()
                .orElseThrow(() -> new UserError("no arm " + label + " in " + task));
    }
}

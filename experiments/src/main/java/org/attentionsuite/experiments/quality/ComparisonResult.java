package org.attentionsuite.experiments.quality;

import java.util.List;

/**
 * What a comparison measured: every run (arm x seed) and, per arm, the mean and sample standard
 * deviation over its seeds.
 *
 * @param comparison the comparison's name
 * @param preset     the preset it ran
 * @param unit       unit of the losses
 * @param secondUnit second test unit, or null
 * @param runs       every run, arms in order, seeds in order
 * @param timings    time per step of every arm, measured back to back ({@link StepTiming})
 */
public record ComparisonResult(String comparison, ComparisonPreset preset, String unit, String secondUnit,
        List<Run> runs, List<Timing> timings) {
    public ComparisonResult {
        runs = List.copyOf(runs);
        timings = List.copyOf(timings);
    }

    /**
     * An arm's time per training step, timed back to back with the other arms.
     *
     * @param arm            the variant's name
     * @param secondsPerStep median over the timed steps
     * @param steps          steps timed
     */
    public record Timing(String arm, double secondsPerStep, int steps) {
    }

    /** The timing of {@code arm}, or null if it was not timed. */
    public Timing timing(String arm) {
        return timings.stream().filter(t -> t.arm().equals(arm)).findFirst().orElse(null);
    }

    /**
     * One arm trained with one seed.
     *
     * @param arm            the variant's name
     * @param attention      the spec's label
     * @param seed           the seed
     * @param parameters     parameter count
     * @param steps          steps trained
     * @param stoppedEarly   whether validation stopped improving before the step budget
     * @param bestValidation best validation loss, in the unit
     * @param test           test loss of the best checkpoint, in the unit
     * @param testSecond     the same in the second unit (NaN if none)
     * @param secondsPerStep mean wall time of a training step
     * @param totalSeconds   wall time of the run, evaluations and data loading included
     * @param curve          validation loss in the unit at each evaluation: {@code {step, value}}
     */
    public record Run(String arm, String attention, long seed, int parameters, long steps, boolean stoppedEarly,
            double bestValidation, double test, double testSecond, double secondsPerStep, double totalSeconds,
            List<double[]> curve) {
        public Run {
            curve = List.copyOf(curve);
        }
    }

    /** Mean and sample standard deviation of {@code n} values (sd NaN for one value). */
    public record Stat(double mean, double sd, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, n);
        }
    }

    /**
     * An arm over its seeds.
     *
     * @param arm            the variant's name
     * @param bestValidation best validation loss
     * @param test           test loss of the best checkpoints
     * @param testSecond     the same in the second unit
     * @param secondsPerStep wall time per step
     * @param totalSeconds   wall time per run
     * @param steps          steps trained
     */
    public record ArmSummary(String arm, Stat bestValidation, Stat test, Stat testSecond, Stat secondsPerStep,
            Stat totalSeconds, Stat steps) {
    }

    /** The arms in order, each over its seeds. */
    public List<ArmSummary> summaries() {
        return runs.stream().map(Run::arm).distinct().map(this::summary).toList();
    }

    /** The summary of {@code arm}. */
    public ArmSummary summary(String arm) {
        List<Run> mine = runs.stream().filter(r -> r.arm().equals(arm)).toList();
        return new ArmSummary(arm, Stat.of(mine.stream().map(Run::bestValidation).toList()),
                Stat.of(mine.stream().map(Run::test).toList()), Stat.of(mine.stream().map(Run::testSecond).toList()),
                Stat.of(mine.stream().map(Run::secondsPerStep).toList()),
                Stat.of(mine.stream().map(Run::totalSeconds).toList()),
                Stat.of(mine.stream().map(r -> (double) r.steps()).toList()));
    }
}

package org.attentionsuite.experiments.quality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * What a comparison measured: every run (arm x seed) and, per arm, the mean and sample standard
 * deviation over its seeds; and the time per step of every arm, timed back to back.
 *
 * @param comparison the comparison's name
 * @param preset     the preset it ran
 * @param unit       unit of the losses
 * @param secondUnit second test unit, or null
 * @param runs       every run, arms in order, seeds in order
 * @param timing     time per step of every arm, measured back to back ({@link StepTiming}), or null
 */
public record ComparisonResult(String comparison, ComparisonPreset preset, String unit, String secondUnit,
        List<Run> runs, Timing timing) {
    public ComparisonResult {
        runs = List.copyOf(runs);
    }

    /**
     * Every arm's time per training step, timed several times back to back after training, with
     * the machine's load around each timing.
     *
     * @param date    when it was measured (ISO-8601, UTC)
     * @param threads the workers a step was computed on, as the runs trained: threads of one BLAS
     *                thread each
     * @param cores   processors of the machine
     * @param steps   steps of each arm timed in each repeat
     * @param repeats the timings, in order
     */
    public record Timing(String date, int threads, int cores, int steps, List<Repeat> repeats) {
        public Timing {
            repeats = List.copyOf(repeats);
        }

        /**
         * One timing of every arm.
         *
         * @param secondsPerStep the median seconds per step of each arm, by arm name
         * @param loadBefore     the machine's 1-minute load average before the timing (NaN if unknown)
         * @param loadAfter      and after it
         */
        public record Repeat(Map<String, Double> secondsPerStep, double loadBefore, double loadAfter) {
            public Repeat {
                secondsPerStep = new LinkedHashMap<>(secondsPerStep);
            }
        }

        /** {@code [min, max]} over the repeats of {@code arm}'s seconds per step. */
        public double[] range(String arm) {
            return minMax(repeats.stream().mapToDouble(r -> r.secondsPerStep().get(arm)).toArray());
        }

        /** {@code [min, max]} over the repeats of how many times less time per step {@code arm} takes than {@code base}. */
        public double[] speedup(String arm, String base) {
            return minMax(repeats.stream()
                    .mapToDouble(r -> r.secondsPerStep().get(base) / r.secondsPerStep().get(arm)).toArray());
        }

        /** {@code [min, max]} of the load averages recorded around the timings. */
        public double[] load() {
            return minMax(repeats.stream().flatMapToDouble(r -> DoubleStream.of(r.loadBefore(),
                    r.loadAfter())).toArray());
        }

        /** Whether {@code arm} was timed. */
        public boolean timed(String arm) {
            return !repeats.isEmpty() && repeats.get(0).secondsPerStep().containsKey(arm);
        }

        private static double[] minMax(double[] values) {
            return new double[] {Arrays.stream(values).min().orElse(Double.NaN),
                Arrays.stream(values).max().orElse(Double.NaN)};
        }
    }

    /**
     * One arm trained with one seed.
     *
     * @param arm            the arm's name
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
     * @param arm            the arm's name
     * @param parameters     its parameter count (0 if it has no run)
     * @param bestValidation best validation loss
     * @param test           test loss of the best checkpoints
     * @param testSecond     the same in the second unit
     * @param secondsPerStep wall time per step
     * @param totalSeconds   wall time per run
     * @param steps          steps trained
     */
    public record ArmSummary(String arm, int parameters, Stat bestValidation, Stat test, Stat testSecond,
            Stat secondsPerStep, Stat totalSeconds, Stat steps) {
    }

    /** The arms in order, each over its seeds. */
    public List<ArmSummary> summaries() {
        return runs.stream().map(Run::arm).distinct().map(this::summary).toList();
    }

    /** The summary of {@code arm}. */
    public ArmSummary summary(String arm) {
        List<Run> mine = runs.stream().filter(r -> r.arm().equals(arm)).toList();
        return new ArmSummary(arm, mine.isEmpty() ? 0 : mine.get(0).parameters(),
                Stat.of(mine.stream().map(Run::bestValidation).toList()),
                Stat.of(mine.stream().map(Run::test).toList()), Stat.of(mine.stream().map(Run::testSecond).toList()),
                Stat.of(mine.stream().map(Run::secondsPerStep).toList()),
                Stat.of(mine.stream().map(Run::totalSeconds).toList()),
                Stat.of(mine.stream().map(r -> (double) r.steps()).toList()));
    }
}

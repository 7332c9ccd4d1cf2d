package org.attentionsuite.core.train;

import org.attentionsuite.core.UserError;

/** Learning rate as a function of the 1-based step. */
public interface LearningRateSchedule {
    double rate(long step);

    /** The shape's name in messages ({@code --schedule}'s spelling where it has one). */
    String shape();

    /**
     * The Transformer's warm-up schedule (Vaswani et al. 2017, eq. 3):
     * {@code factor · D^−0.5 · min(step^−0.5, step · warmup^−1.5)}.
     */
    record Noam(int dModel, int warmupSteps, double factor) implements LearningRateSchedule {
        public Noam {
            if (dModel <= 0 || warmupSteps <= 0 || !(factor > 0)) {
                throw new UserError("Noam schedule needs positive dModel (" + dModel + "), warmup ("
                        + warmupSteps + ") and factor (" + factor + ")");
            }
        }

        @Override
        public String shape() {
            return "inverse-sqrt";
        }

        @Override
        public double rate(long step) {
            long s = Math.max(1, step);
            return factor / Math.sqrt(dModel) * Math.min(1.0 / Math.sqrt(s), s * Math.pow(warmupSteps, -1.5));
        }
    }

    /** Linear warm-up to {@code peak}, then cosine decay to {@code floor} at {@code totalSteps}. */
    record Cosine(double peak, int warmupSteps, long totalSteps, double floor) implements LearningRateSchedule {
        public Cosine {
            if (!(peak > 0) || warmupSteps < 0 || totalSteps <= 0 || floor < 0 || floor > peak) {
                throw new UserError("cosine schedule needs peak > 0 (" + peak + "), warmup >= 0 ("
                        + warmupSteps + "), total > 0 (" + totalSteps + ") and 0 <= floor <= peak (" + floor + ")");
            }
        }

        @Override
        public String shape() {
            return "cosine";
        }

        @Override
        public double rate(long step) {
            if (step <= warmupSteps) {
                return peak * step / Math.max(1, warmupSteps);
            }
            double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
            return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
        }
    }

    /** A fixed rate. */
    record Constant(double value) implements LearningRateSchedule {
        public Constant {
            if (!(value > 0)) {
                throw new UserError("learning rate (" + value + ") must be positive");
            }
        }

        @Override
        public String shape() {
            return "constant";
        }

        @Override
        public double rate(long step) {
            return value;
        }
    }
}

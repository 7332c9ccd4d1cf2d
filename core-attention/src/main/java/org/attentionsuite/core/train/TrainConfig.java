package org.attentionsuite.core.train;

import java.util.Objects;
import org.attentionsuite.core.UserError;

/**
 * How to train, validated on construction.
 *
 * @param steps           total optimizer steps
 * @param schedule        learning-rate schedule
 * @param beta1           Adam β1
 * @param beta2           Adam β2
 * @param epsilon         Adam ε
 * @param weightDecay     decoupled weight decay (0 = plain Adam)
 * @param clipNorm        global gradient-norm clip (0 = none)
 * @param evalEvery       evaluate (and save checkpoints) every this many steps (0 = only at the end)
 * @param seed            seed of the batch and dropout generators
 */
public record TrainConfig(long steps, LearningRateSchedule schedule, double beta1, double beta2, double epsilon,
        double weightDecay, double clipNorm, int evalEvery, long seed) {
    public TrainConfig {
        if (steps <= 0) {
            throw new UserError("steps (" + steps + ") must be positive");
        }
        Objects.requireNonNull(schedule, "schedule");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new UserError("Adam betas (" + beta1 + ", " + beta2 + ") must be in [0, 1)");
        }
        if (!(epsilon > 0) || weightDecay < 0 || clipNorm < 0 || evalEvery < 0) {
            throw new UserError("epsilon must be > 0 and weightDecay, clipNorm, evalEvery >= 0");
        }
    }

    /** Adam(0.9, 0.98, 1e-9) as in the Transformer paper, clip 1.0, evaluation every 100 steps. */
    public static TrainConfig of(long steps, LearningRateSchedule schedule, long seed) {
        return new TrainConfig(steps, schedule, 0.9, 0.98, 1e-9, 0.0, 1.0, 100, seed);
    }

    public TrainConfig withSteps(long s) {
        return new TrainConfig(s, schedule, beta1, beta2, epsilon, weightDecay, clipNorm, evalEvery, seed);
    }

    public TrainConfig withEvalEvery(int e) {
        return new TrainConfig(steps, schedule, beta1, beta2, epsilon, weightDecay, clipNorm, e, seed);
    }
}

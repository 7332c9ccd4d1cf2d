package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;

/**
 * How every arm is trained: the same steps, schedule and seed.
 *
 * @param steps        optimizer steps per arm
 * @param evaluations  validations spread over the run (plus one before the first step); the last
 *                     is always at the final step
 * @param learningRate peak rate of the cosine schedule (decays to a tenth of it)
 * @param warmupSteps  linear warm-up steps, at most a fifth of the run
 * @param seed         seed of the weights, batches and dropout
 */
public record QualityOptions(long steps, int evaluations, double learningRate, int warmupSteps, long seed) {
    public QualityOptions {
        if (steps <= 0) {
            throw new UserError("steps (" + steps + ") must be positive");
        }
        if (evaluations <= 0) {
            throw new UserError("evaluations (" + evaluations + ") must be positive");
        }
        if (!(learningRate > 0) || warmupSteps < 0) {
            throw new UserError("learning rate (" + learningRate + ") must be positive and warm-up ("
                    + warmupSteps + ") >= 0");
        }
    }

    public QualityOptions withSteps(long s) {
        return new QualityOptions(s, evaluations, learningRate, warmupSteps, seed);
    }

    public QualityOptions withSeed(long s) {
        return new QualityOptions(steps, evaluations, learningRate, warmupSteps, s);
    }

    /** Steps between validations, {@code max(1, steps / evaluations)}. */
    public int evalEvery() {
        return (int) Math.max(1, steps / evaluations);
    }

    /** The warm-up actually used, {@code min(warmupSteps, steps / 5)}. */
    public int effectiveWarmup() {
        return (int) Math.min(warmupSteps, steps / 5);
    }

    /** The training configuration of each arm. */
    public TrainConfig trainConfig() {
        return TrainConfig.of(steps, new LearningRateSchedule.Cosine(learningRate, effectiveWarmup(), steps,
                learningRate / 10), seed).withEvalEvery(evalEvery());
    }
}

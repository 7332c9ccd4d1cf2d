package org.attentionsuite.core.train;

import java.util.Objects;

/**
 * What a domain fills in where its {@link TrainingOptions} leave the choice to it: the schedule's
 * shape for {@code --schedule default}, and the warm-up and evaluation interval for
 * {@code --warmup 0} and {@code --eval-every 0}, each a share of {@code --steps} with a cap (and
 * at least one step). Each domain writes its defaults once, beside its other defaults.
 *
 * @param shape       the shape of {@link Schedule#DEFAULT} ({@link Schedule#COSINE} or {@link Schedule#INVERSE_SQRT})
 * @param warmupShare default warm-up: {@code steps / warmupShare} …
 * @param warmupCap   … but at most this many steps
 * @param evalShare   default evaluation interval: {@code steps / evalShare} …
 * @param evalCap     … but at most this many steps
 */
public record TrainingDefaults(Schedule shape, int warmupShare, int warmupCap, int evalShare, int evalCap) {
    public TrainingDefaults {
        Objects.requireNonNull(shape, "shape");
        if (shape == Schedule.DEFAULT) {
            throw new IllegalArgumentException("a domain's default schedule must be a shape, not DEFAULT");
        }
        if (warmupShare < 1 || warmupCap < 1 || evalShare < 1 || evalCap < 1) {
            throw new IllegalArgumentException("shares and caps must be positive: " + this);
        }
    }

    /** The default warm-up of a run of {@code steps}. */
    public int warmup(long steps) {
        return (int) Math.max(1, Math.min(warmupCap, steps / warmupShare));
    }

    /** The default evaluation interval of a run of {@code steps}. */
    public int evalEvery(long steps) {
        return (int) Math.max(1, Math.min(evalCap, steps / evalShare));
    }

    /**
     * The trainer's config of {@code options} in this domain for a model {@code dModel} wide: the
     * schedule peaking at {@code --lr} after the warm-up, and the evaluation interval.
     */
    public TrainConfig trainConfig(TrainingOptions options, int dModel) {
        long steps = options.steps();
        int warmup = options.warmupOr(warmup(steps));
        LearningRateSchedule rates = options.schedule().rates(shape, options.learningRate(), warmup, steps, dModel);
        return TrainConfig.of(steps, rates, options.seed()).withEvalEvery(options.evalEveryOr(evalEvery(steps)));
    }
}

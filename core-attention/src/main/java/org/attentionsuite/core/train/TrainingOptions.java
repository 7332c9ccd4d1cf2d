package org.attentionsuite.core.train;

import org.attentionsuite.core.UserError;

/**
 * The training options every domain shares, with the same meaning (and the same command-line
 * names) for images and music. A value of 0 for {@code warmup} or {@code evalEvery} asks for the
 * domain's default, which depends on {@code steps}.
 *
 * @param steps        total optimizer steps, resumed ones included ({@code --steps})
 * @param batch        sequences (images, windows) per step ({@code --batch})
 * @param learningRate peak learning rate of the schedule ({@code --lr})
 * @param warmup       learning-rate warm-up steps, 0 = the domain's default ({@code --warmup})
 * @param evalEvery    evaluate and checkpoint every this many steps, 0 = default ({@code --eval-every})
 * @param patience     stop after this many evaluations without improvement, 0 = never ({@code --patience})
 * @param seed         seed of the weights, batches, augmentation and dropout ({@code --seed})
 * @param schedule     shape of the learning-rate schedule ({@code --schedule})
 */
public record TrainingOptions(long steps, int batch, double learningRate, int warmup, int evalEvery, int patience,
        long seed, Schedule schedule) {
    public TrainingOptions {
        if (schedule == null) {
            throw new UserError("--schedule must be given (default, cosine or inverse-sqrt)");
        }
        if (steps <= 0) {
            throw new UserError("--steps (" + steps + ") must be positive");
        }
        if (batch <= 0) {
            throw new UserError("--batch (" + batch + ") must be positive");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserError("--lr (" + learningRate + ") must be positive");
        }
        if (warmup < 0) {
            throw new UserError("--warmup (" + warmup + ") must be >= 0 (0 = default)");
        }
        if (evalEvery < 0) {
            throw new UserError("--eval-every (" + evalEvery + ") must be >= 0 (0 = default)");
        }
        if (patience < 0) {
            throw new UserError("--patience (" + patience + ") must be >= 0 (0 = never stop early)");
        }
    }

    /** Options with the domain's default schedule. */
    public TrainingOptions(long steps, int batch, double learningRate, int warmup, int evalEvery, int patience,
            long seed) {
        this(steps, batch, learningRate, warmup, evalEvery, patience, seed, Schedule.DEFAULT);
    }

    /** {@code warmup}, or {@code fallback} when it is 0, never more than {@code steps}. */
    public int warmupOr(int fallback) {
        return (int) Math.min(steps, warmup > 0 ? warmup : fallback);
    }

    /** {@code evalEvery}, or {@code fallback} when it is 0. */
    public int evalEveryOr(int fallback) {
        return evalEvery > 0 ? evalEvery : Math.max(1, fallback);
    }
}

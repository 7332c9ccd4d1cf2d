package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelSize;

/**
 * Sizes and budgets of a comparison, named. Every arm runs until validation stops improving
 * ({@code patience} evaluations without a new best, evaluating every {@code evalEvery} steps),
 * on a schedule that does not decay with the budget (warm-up, then inverse square root), so that
 * the step budgets are only caps.
 *
 * @param id         command-line name
 * @param imageModel model of the image arms
 * @param imageBatch images per step
 * @param imageLr    peak rate of the image arms' warm-up/inverse-square-root schedule
 * @param imageSteps step budget of an image arm (a cap: the arms are meant to stop early)
 * @param fullData   images from Debian's full Fashion-MNIST (60k train, t10k test) instead of the bundled 2,000
 * @param musicModel model of the chorale arms
 * @param musicBatch windows per step
 * @param musicLr    peak rate of the chorale arms' warm-up/inverse-square-root schedule
 * @param musicSteps step budget of a chorale arm (a cap: the arms are meant to stop early)
 * @param musicWarmup warm-up steps of the chorale schedule (fixed, so that raising the budget
 *                   does not change the schedule)
 * @param musicLength chorale training window in tokens
 * @param evalEvery  steps between evaluations
 * @param patience   evaluations without improvement before an arm stops
 */
public record ComparisonPreset(String id, ModelSize imageModel, int imageBatch, double imageLr, long imageSteps,
        boolean fullData, ModelSize musicModel, int musicBatch, double musicLr, long musicSteps, int musicWarmup,
        int musicLength,
        int evalEvery, int patience) {
    public ComparisonPreset {
        if (imageBatch <= 0 || musicBatch <= 0 || imageSteps <= 0 || musicSteps <= 0 || evalEvery <= 0
                || patience <= 0 || musicLength <= 0 || musicWarmup <= 0) {
            throw new UserError("preset " + id + ": sizes, budgets, warm-up and patience must be positive");
        }
    }

    /**
     * Converges every arm of both tasks, 3 seeds, in about an hour on 2 cores: d 64, 4 heads,
     * 2 layers; images on the bundled 2,000 Fashion-MNIST images (1,800 to train and validate, 200
     * to test), chorales on windows of 256 tokens with dropout 0.1.
     */
    public static ComparisonPreset quick() {
        return new ComparisonPreset("quick", ModelSize.micro(), 8, 3e-3, 12000, false,
                ModelSize.micro().withDropout(0.1), 8, 1e-3, 20000, 800, 256, 150, 4);
    }

    /**
     * For machines with time: d 128, 4 heads, 4 layers on Debian's full Fashion-MNIST (60,000
     * training images, tested on 2,000 of t10k); chorales with d 256, 8 heads, 4 layers on
     * windows of 512 tokens with dropout 0.2.
     */
    public static ComparisonPreset paper() {
        return new ComparisonPreset("paper", new ModelSize(128, 4, 4, 0.0), 16, 3e-3, 20000, true,
                new ModelSize(256, 8, 4, 0.2), 8, 1e-3, 20000, 2000, 512, 500, 5);
    }

    /** The preset called {@code id}. */
    public static ComparisonPreset byId(String id) {
        return switch (id) {
            case "quick" -> quick();
            case "paper" -> paper();
            default -> throw new UserError("--preset '" + id + "' is unknown (known: quick, paper)");
        };
    }
}

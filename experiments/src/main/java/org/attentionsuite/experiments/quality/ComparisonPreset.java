package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelSize;

/**
 * Sizes and budgets of a comparison, named. Every arm runs until validation stops improving
 * ({@code patience} evaluations without a new best, evaluating every {@code evalEvery} steps),
 * on a schedule that does not decay with the budget (warm-up, then inverse square root), so that
 * the step budgets are only caps.
 *
 * @param id        command-line name ({@code --preset})
 * @param images    the image arms
 * @param chorales  the chorale arms
 * @param evalEvery steps between evaluations
 * @param patience  evaluations without improvement before an arm stops
 */
public record ComparisonPreset(String id, ImageArms images, ChoraleArms chorales, int evalEvery, int patience) {
    public ComparisonPreset {
        if (images == null || chorales == null) {
            throw new IllegalArgumentException("preset " + id + " needs its image and chorale arms");
        }
        if (evalEvery <= 0 || patience <= 0) {
            throw new UserError("preset " + id + ": evaluation interval (" + evalEvery + ") and patience ("
                    + patience + ") must be positive");
        }
    }

    /**
     * The image arms' model and budget. They warm up for {@code min(200, steps/10)} steps, as
     * {@code image train} does.
     *
     * @param model    model of every arm
     * @param batch    images per step
     * @param lr       peak learning rate
     * @param steps    step budget of an arm (a cap: the arms are meant to stop early)
     * @param fullData   images from Debian's full Fashion-MNIST (60k train, t10k test) instead of the bundled 2,000
     * @param images     images to train and validate on, the first of the source (0 = all); at most
     *                   {@value #BUNDLED_POOL} of the bundled set, whose last 200 are the test images
     * @param validation the last of those {@code images}, held out for early stopping
     */
    public record ImageArms(ModelSize model, int batch, double lr, long steps, boolean fullData, int images,
            int validation) {
        /** Bundled images that may be trained and validated on; the rest (200) are the test set. */
        public static final int BUNDLED_POOL = 1800;

        public ImageArms {
            if (batch <= 0 || !(lr > 0) || steps <= 0) {
                throw new UserError("image arms: batch (" + batch + "), learning rate (" + lr + ") and steps ("
                        + steps + ") must be positive");
            }
            if (images < 0 || (!fullData && (images == 0 || images > BUNDLED_POOL))) {
                throw new UserError("image arms: images (" + images + ") must be " + (fullData
                        ? ">= 0 (0 = all)" : "1.." + BUNDLED_POOL + " (the rest of the bundled set is the test set)"));
            }
            if (validation <= 0 || (images > 0 && validation >= images)) {
                throw new UserError("image arms: validation images (" + validation + ") must be positive and fewer "
                        + "than the images (" + images + ")");
            }
        }
    }

    /**
     * The chorale arms' model and budget.
     *
     * @param model  model of every arm
     * @param batch  windows per step
     * @param lr     peak learning rate
     * @param steps  step budget of an arm (a cap: the arms are meant to stop early)
     * @param warmup warm-up steps (fixed, so that raising the budget does not change the schedule)
     * @param length training window in tokens
     */
    public record ChoraleArms(ModelSize model, int batch, double lr, long steps, int warmup, int length) {
        public ChoraleArms {
            if (batch <= 0 || !(lr > 0) || steps <= 0 || warmup <= 0 || length <= 0) {
                throw new UserError("chorale arms: batch (" + batch + "), learning rate (" + lr + "), steps ("
                        + steps + "), warm-up (" + warmup + ") and window (" + length + ") must be positive");
            }
        }
    }

    /**
     * Small models that converge both tasks, every arm and seed, in about an hour on 2 cores: d 64,
     * 4 heads, 2 layers; images on the first 900 of the bundled 2,000 Fashion-MNIST images (720 to
     * train, 180 to validate; the last 200 are the test set), chorales on windows of 256 tokens with
     * dropout 0.1 and peak learning rate 2e-3. Measured on 2 cores with {@code --jobs 2}
     * (2026-12-02): images 42.6 minutes (arms stopped after 2,700 to 3,600 steps), chorales 20.8
     * minutes (4,500 to 12,750 steps), each whole command timed.
     */
    public static ComparisonPreset quick() {
        return new ComparisonPreset("quick", new ImageArms(ModelSize.micro(), 8, 3e-3, 12000, false, 900, 180),
                new ChoraleArms(ModelSize.micro().withDropout(0.1), 8, 2e-3, 20000, 800, 256), 150, 4);
    }

    /**
     * For machines with time: d 128, 4 heads, 4 layers on Debian's full Fashion-MNIST (60,000
     * training images, tested on 2,000 of t10k); chorales with d 256, 8 heads, 4 layers on
     * windows of 512 tokens with dropout 0.2.
     */
    public static ComparisonPreset paper() {
        return new ComparisonPreset("paper", new ImageArms(new ModelSize(128, 4, 4, 0.0), 16, 3e-3, 20000, true, 0, 1000),
                new ChoraleArms(new ModelSize(256, 8, 4, 0.2), 8, 1e-3, 20000, 2000, 512), 500, 5);
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

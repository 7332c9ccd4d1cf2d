package org.attentionsuite.image.train;

import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.TrainingDefaults;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.Pixels;

/**
 * Everything {@link ImageTraining#train} needs, validated on construction. Start from
 * {@link #defaults()} (the defaults of {@code image train}, written only here) or {@link #of} and
 * change fields with the {@code withX} copies. {@code compare images} builds its
 * arms with these same options, so an arm and a user's {@code image train} with the same settings
 * train the same model.
 *
 * @param source           where the images come from
 * @param size             images are fitted to {@code size x size} ({@code --size})
 * @param channels         1 (gray) or 3 (RGB) ({@code --channels})
 * @param conditional      condition on the image labels, 10 classes ({@code --conditional})
 * @param flips            mirror training images left-to-right at random ({@code --flip})
 * @param split            which images train, validate and test ({@code --limit}, {@code --validation},
 *                         {@code --test}, {@code --split-seed})
 * @param attention        the attention of every layer, from the catalogue ({@code --attention})
 * @param model            width, heads, depth, dropout ({@code --d-model}, {@code --heads}, …)
 * @param training         steps, batch, rate, warm-up, evaluation, patience, seed
 * @param run              output folder, start mode and what checkpoints record
 */
public record ImageTrainingOptions(ImageSource source, int size, int channels, boolean conditional, boolean flips,
        ImageSplit split, ImageAttention attention, ModelSize model, TrainingOptions training, RunOptions run)
        implements TrainingPlan {
    /**
     * Cosine decay to a tenth of {@code --lr} at {@code --steps}; warm-up {@code min(200, steps/10)},
     * evaluation every {@code min(500, steps/5)} steps (both at least 1).
     */
    public static final TrainingDefaults TRAINING_DEFAULTS = new TrainingDefaults(Schedule.COSINE, 10, 200, 5, 500);

    public ImageTrainingOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(run, "run");
        if (size <= 0) {
            throw new UserError("--size (" + size + ") must be positive");
        }
        if (channels != 1 && channels != 3) {
            throw new UserError("--channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        new Geometry.Image(size, size, channels);             // fits in one sequence
        attention.spec(new Geometry.Image(size, size, channels)); // the attention fits this image
    }

    /**
     * The defaults of {@code image train}: the bundled images at 28x28 gray, unconditional, no flips,
     * all images with 256 validation images and no test images ({@link ImageSplit#of}), local 2D
     * attention, {@link ModelSize#micro()}, 1000 steps of 8 images at rate 3e-3 with the domain's
     * default schedule, warm-up and evaluation interval, seed 1, a fresh run into {@code runs/image}.
     */
    public static ImageTrainingOptions defaults() {
        return new ImageTrainingOptions(new ImageSource.Bundled(), 28, 1, false, false, ImageSplit.of(0, 256),
                ImageAttention.LOCAL2D, ModelSize.micro(), new TrainingOptions(1000, 8, 3e-3, 0, 0, 0, 1),
                RunOptions.fresh(Path.of("runs", "image"), "image train"));
    }

    /** The {@link #defaults()} on {@code size x size x channels} images of {@code source}, run into {@code out}. */
    public static ImageTrainingOptions of(ImageSource source, int size, int channels, Path out) {
        ImageTrainingOptions d = defaults();
        return new ImageTrainingOptions(source, size, channels, d.conditional(), d.flips(), d.split(), d.attention(),
                d.model(), d.training(), d.run().withOut(out));
    }

    /** The architecture these options train from scratch. */
    @Override
    public ModelConfig modelConfig() {
        return ImageModels.config(size, size, channels, attention, model, conditional);
    }

    /** What the model's tokens mean. */
    @Override
    public Pixels tokens() {
        return ImageModels.tokens(modelConfig(), source.classNames());
    }

    /** The sequence order of the model these options train. */
    public ImageOrder order() {
        return ImageModels.order(modelConfig());
    }

    public ImageTrainingOptions withSource(ImageSource s) {
        return new ImageTrainingOptions(s, size, channels, conditional, flips, split, attention,
                model, training, run);
    }

    public ImageTrainingOptions withConditional(boolean c) {
        return new ImageTrainingOptions(source, size, channels, c, flips, split, attention,
                model, training, run);
    }

    public ImageTrainingOptions withFlips(boolean f) {
        return new ImageTrainingOptions(source, size, channels, conditional, f, split, attention,
                model, training, run);
    }

    public ImageTrainingOptions withSplit(ImageSplit s) {
        return new ImageTrainingOptions(source, size, channels, conditional, flips, s, attention, model, training, run);
    }

    public ImageTrainingOptions withAttention(ImageAttention a) {
        return new ImageTrainingOptions(source, size, channels, conditional, flips, split, a,
                model, training, run);
    }

    public ImageTrainingOptions withModel(ModelSize m) {
        return new ImageTrainingOptions(source, size, channels, conditional, flips, split,
                attention, m, training, run);
    }

    public ImageTrainingOptions withTraining(TrainingOptions t) {
        return new ImageTrainingOptions(source, size, channels, conditional, flips, split,
                attention, model, t, run);
    }

    public ImageTrainingOptions withRun(RunOptions r) {
        return new ImageTrainingOptions(source, size, channels, conditional, flips, split,
                attention, model, training, r);
    }
}

package org.attentionsuite.image.train;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.ModelSize;

/**
 * Everything {@link ImageTraining#train} needs, validated on construction. Start from
 * {@link #of} and change fields with the {@code withX} copies.
 *
 * @param source           where the images come from
 * @param size             images are fitted to {@code size x size}
 * @param channels         1 (gray) or 3 (RGB)
 * @param attention        the attention of every layer; a local 2D spec must be for this image
 * @param model            width, heads and depth
 * @param steps            total optimizer steps (including those of a resumed checkpoint)
 * @param batch            images per step
 * @param learningRate     peak rate of the warm-up + cosine schedule
 * @param seed             seed of the weights, batches and flips
 * @param out              folder of {@code last.ckpt} and {@code best.ckpt}
 * @param resume           checkpoint to continue from, or {@code null} for a fresh model
 * @param conditional      condition on the image labels (10 classes)
 * @param flips            mirror training images left-to-right at random
 * @param imageLimit       use only the first this many images of the source (0 = all)
 * @param validationImages held-out images (at most a fifth of the images are held out)
 */
public record ImageTrainingOptions(ImageSource source, int size, int channels, AttentionSpec attention,
        ModelSize model, long steps, int batch, double learningRate, long seed, Path out, Path resume,
        boolean conditional, boolean flips, int imageLimit, int validationImages) {

    public ImageTrainingOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(out, "out");
        if (size <= 0) {
            throw new UserError("--size (" + size + ") must be positive");
        }
        if (channels != 1 && channels != 3) {
            throw new UserError("--channels must be 1 (gray) or 3 (RGB), got " + channels);
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
        if (imageLimit < 0 || validationImages <= 0) {
            throw new UserError("image limit (" + imageLimit + ") must be >= 0 and validation images ("
                    + validationImages + ") positive");
        }
        ImageOrder.forAttention(attention, size, size, channels); // the attention fits this image
    }

    /** Defaults: tiny model, 1000 steps, batch 8, rate 3e-3, seed 1, 256 held-out images. */
    public static ImageTrainingOptions of(ImageSource source, int size, int channels, AttentionSpec attention,
            Path out) {
        return new ImageTrainingOptions(source, size, channels, attention, ModelSize.tiny(), 1000, 8, 3e-3, 1, out,
                null, false, false, 0, 256);
    }

    /** The sequence order of the model these options train. */
    public ImageOrder order() {
        return ImageOrder.forAttention(attention, size, size, channels);
    }

    /** A one-line description recorded as the checkpoint's provenance command. */
    public String describe() {
        return "image train: data " + source.label() + (imageLimit > 0 ? " (first " + imageLimit + ")" : "") + ", "
                + size + "x" + size + "x" + channels + ", attention " + attention.label() + ", d " + model.dModel()
                + ", heads " + model.heads() + ", layers " + model.layers() + ", steps " + steps + ", batch " + batch
                + ", lr " + learningRate + ", seed " + seed + (conditional ? ", conditional" : "")
                + (flips ? ", flips" : "") + (resume != null ? ", resumed from " + resume : "");
    }

    public ImageTrainingOptions withModel(ModelSize m) {
        return new ImageTrainingOptions(source, size, channels, attention, m, steps, batch, learningRate, seed, out,
                resume, conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withSteps(long s) {
        return new ImageTrainingOptions(source, size, channels, attention, model, s, batch, learningRate, seed, out,
                resume, conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withBatch(int b) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, b, learningRate, seed, out,
                resume, conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withLearningRate(double lr) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, lr, seed, out, resume,
                conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withSeed(long s) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, s, out,
                resume, conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withOut(Path o) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, o,
                resume, conditional, flips, imageLimit, validationImages);
    }

    /** Continue from {@code checkpoint} ({@code null} = start fresh). */
    public ImageTrainingOptions withResume(Path checkpoint) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, out,
                checkpoint, conditional, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withConditional(boolean c) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, out,
                resume, c, flips, imageLimit, validationImages);
    }

    public ImageTrainingOptions withFlips(boolean f) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, out,
                resume, conditional, f, imageLimit, validationImages);
    }

    public ImageTrainingOptions withImageLimit(int n) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, out,
                resume, conditional, flips, n, validationImages);
    }

    public ImageTrainingOptions withValidationImages(int n) {
        return new ImageTrainingOptions(source, size, channels, attention, model, steps, batch, learningRate, seed, out,
                resume, conditional, flips, imageLimit, n);
    }
}

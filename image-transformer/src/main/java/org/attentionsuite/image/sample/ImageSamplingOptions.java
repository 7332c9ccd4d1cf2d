package org.attentionsuite.image.sample;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * How many images to sample and how.
 *
 * @param count      images to draw, 1..1024
 * @param sampling   temperature, top-k, top-p and seed
 * @param imageClass class of every image for a conditional model, or {@link #EVERY_CLASS} to cycle
 *                   through the classes ({@code image n} gets class {@code n mod K}); must be
 *                   {@link #EVERY_CLASS} for an unconditional model
 * @param out        folder of the PNG files
 */
public record ImageSamplingOptions(int count, SamplingConfig sampling, int imageClass, Path out) {
    /** No fixed class: a conditional model cycles through its classes. */
    public static final int EVERY_CLASS = -1;

    public ImageSamplingOptions {
        if (count < 1 || count > 1024) {
            throw new UserError("--count (" + count + ") must be in 1..1024");
        }
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(out, "out");
        if (imageClass < EVERY_CLASS) {
            throw new UserError("--class (" + imageClass + ") must be >= 0");
        }
    }

    /** {@code count} images at temperature 1, every class, seed {@code seed}. */
    public static ImageSamplingOptions of(int count, long seed, Path out) {
        return new ImageSamplingOptions(count, SamplingConfig.of(seed), EVERY_CLASS, out);
    }

    public ImageSamplingOptions withSampling(SamplingConfig s) {
        return new ImageSamplingOptions(count, s, imageClass, out);
    }

    public ImageSamplingOptions withClass(int c) {
        return new ImageSamplingOptions(count, sampling, c, out);
    }
}

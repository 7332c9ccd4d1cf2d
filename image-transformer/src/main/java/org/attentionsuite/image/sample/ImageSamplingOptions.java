package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * How many images to sample and how.
 *
 * @param count      images to draw, 1..1024
 * @param sampling   temperature, top-k, top-p and seed
 * @param imageClass the class of every image for a conditional model, or empty to cycle through the
 *                   classes (image {@code n} gets class {@code n mod K}); must be empty for an
 *                   unconditional model. Whether a given class exists depends on the model, so
 *                   {@link ImageSampler} checks it is in {@code 0..K−1} (a negative class is never
 *                   read as "every class")
 * @param out        folder of the PNG files
 * @param command    the command line that asks for the images, written into every PNG
 *                   ({@link org.attentionsuite.image.io.PngText}); {@link #LIBRARY_CALL} by default
 */
public record ImageSamplingOptions(int count, SamplingConfig sampling, OptionalInt imageClass, Path out,
        String command) {
    /** {@link #command} of images asked for from Java rather than from a command line. */
    public static final String LIBRARY_CALL = "ImageSampler.sample (attention-suite library call)";

    public ImageSamplingOptions {
        if (count < 1 || count > 1024) {
            throw new UserError("--count (" + count + ") must be in 1..1024");
        }
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(imageClass, "imageClass");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(command, "command");
    }

    /** {@code count} images at temperature 1, every class, seed {@code seed}. */
    public static ImageSamplingOptions of(int count, long seed, Path out) {
        return new ImageSamplingOptions(count, SamplingConfig.of(seed), OptionalInt.empty(), out, LIBRARY_CALL);
    }

    public ImageSamplingOptions withSampling(SamplingConfig s) {
        return new ImageSamplingOptions(count, s, imageClass, out, command);
    }

    /** Every image of a conditional model's class {@code c}, or empty to cycle through the classes. */
    public ImageSamplingOptions withClass(OptionalInt c) {
        return new ImageSamplingOptions(count, sampling, c, out, command);
    }

    /** The command line written into the PNGs. */
    public ImageSamplingOptions withCommand(String c) {
        return new ImageSamplingOptions(count, sampling, imageClass, out, c);
    }
}

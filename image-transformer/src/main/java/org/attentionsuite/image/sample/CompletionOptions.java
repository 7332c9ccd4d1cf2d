package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalInt;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * How to complete images.
 *
 * @param sampling   temperature, top-k, top-p and seed
 * @param perImage   completions drawn per image (grid rows below the originals), 1..16
 * @param rows       image rows given to the model, or empty for the top half; whether they fit
 *                   the image depends on the model, so {@link ImageCompletion} checks them
 * @param imageClass the class of every image for a conditional model, or empty to use the images'
 *                   labels (checked against the model when completing)
 * @param out        folder of the grid PNG
 * @param command    the command line that asks for the completions, written into the PNG
 *                   ({@link org.attentionsuite.image.io.PngText}); {@link #LIBRARY_CALL} by default
 */
public record CompletionOptions(SamplingConfig sampling, int perImage, OptionalInt rows, OptionalInt imageClass,
        Path out, String command) {
    /** {@link #command} of completions asked for from Java rather than from a command line. */
    public static final String LIBRARY_CALL = "ImageCompletion.complete (attention-suite library call)";

    public CompletionOptions {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(imageClass, "imageClass");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(command, "command");
        if (perImage < 1 || perImage > 16) {
            throw new UserError("completions per image (" + perImage + ") must be in 1..16");
        }
    }

    /** One completion of the top half of each image at temperature 1 with seed {@code seed}, the images' labels. */
    public static CompletionOptions of(long seed, Path out) {
        return new CompletionOptions(SamplingConfig.of(seed), 1, OptionalInt.empty(), OptionalInt.empty(), out,
                LIBRARY_CALL);
    }

    public CompletionOptions withSampling(SamplingConfig s) {
        return new CompletionOptions(s, perImage, rows, imageClass, out, command);
    }

    public CompletionOptions withPerImage(int n) {
        return new CompletionOptions(sampling, n, rows, imageClass, out, command);
    }

    /** Gives the model the top {@code r} rows of each image (empty: the top half). */
    public CompletionOptions withRows(OptionalInt r) {
        return new CompletionOptions(sampling, perImage, r, imageClass, out, command);
    }

    /** Every image of a conditional model's class {@code c}, or empty to use the images' labels. */
    public CompletionOptions withClass(OptionalInt c) {
        return new CompletionOptions(sampling, perImage, rows, c, out, command);
    }

    /** The command line written into the PNG. */
    public CompletionOptions withCommand(String c) {
        return new CompletionOptions(sampling, perImage, rows, imageClass, out, c);
    }
}

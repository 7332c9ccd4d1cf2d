package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * How to complete images.
 *
 * @param sampling temperature, top-k, top-p and seed
 * @param perImage completions drawn per image (grid rows below the originals), 1..16
 * @param out      folder of the grid PNG
 * @param command  the command line that asks for the completions, written into the PNG
 *                 ({@link org.attentionsuite.image.io.PngText}); {@link #LIBRARY_CALL} by default
 */
public record CompletionOptions(SamplingConfig sampling, int perImage, Path out, String command) {
    /** {@link #command} of completions asked for from Java rather than from a command line. */
    public static final String LIBRARY_CALL = "ImageCompletion.complete (attention-suite library call)";

    public CompletionOptions {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(command, "command");
        if (perImage < 1 || perImage > 16) {
            throw new UserError("completions per image (" + perImage + ") must be in 1..16");
        }
    }

    /** One completion per image at temperature 1 with seed {@code seed}. */
    public static CompletionOptions of(long seed, Path out) {
        return new CompletionOptions(SamplingConfig.of(seed), 1, out, LIBRARY_CALL);
    }

    public CompletionOptions withSampling(SamplingConfig s) {
        return new CompletionOptions(s, perImage, out, command);
    }

    public CompletionOptions withPerImage(int n) {
        return new CompletionOptions(sampling, n, out, command);
    }

    /** The command line written into the PNG. */
    public CompletionOptions withCommand(String c) {
        return new CompletionOptions(sampling, perImage, out, c);
    }
}

package org.attentionsuite.image.sample;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * How to complete images.
 *
 * @param sampling temperature, top-k, top-p and seed
 * @param perImage completions drawn per image (grid rows below the originals), 1..16
 * @param out      folder of the grid PNG
 */
public record CompletionOptions(SamplingConfig sampling, int perImage, Path out) {
    public CompletionOptions {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(out, "out");
        if (perImage < 1 || perImage > 16) {
            throw new UserError("completions per image (" + perImage + ") must be in 1..16");
        }
    }

    /** One completion per image at temperature 1 with seed {@code seed}. */
    public static CompletionOptions of(long seed, Path out) {
        return new CompletionOptions(SamplingConfig.of(seed), 1, out);
    }

    public CompletionOptions withSampling(SamplingConfig s) {
        return new CompletionOptions(s, perImage, out);
    }

    public CompletionOptions withPerImage(int n) {
        return new CompletionOptions(sampling, n, out);
    }
}

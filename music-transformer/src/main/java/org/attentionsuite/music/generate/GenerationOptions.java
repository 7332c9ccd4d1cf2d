package org.attentionsuite.music.generate;

import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;

/**
 * One sample to generate and write.
 *
 * @param primer     what it starts from
 * @param length     most tokens in all, primer included
 * @param maxSeconds stop once the music lasts this long (0 = no limit)
 * @param sampling   temperature, top-k, top-p and seed
 * @param outDir     folder of the output files
 * @param name       file stem: writes {@code <name>.mid}, {@code <name>.png}, {@code <name>.wav}; a plain
 *                   name, not hidden (a leading dot would make {@code ..mid} of {@code --name .})
 * @param wav        whether to render the WAV (slower than the rest)
 */
public record GenerationOptions(Primer primer, int length, double maxSeconds, SamplingConfig sampling, Path outDir,
        String name, boolean wav) {
    public GenerationOptions {
        Objects.requireNonNull(primer, "primer");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(name, "name");
        if (length < 2) {
            throw new UserError("--tokens (" + length + ") must be at least 2");
        }
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new UserError("--seconds (" + maxSeconds + ") must be >= 0 (0 = no limit)");
        }
        if (name.isBlank() || name.startsWith(".") || name.contains("/") || name.contains("\\")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new UserError("--name '" + name + "' must be a plain file name, not starting with a dot");
        }
    }

    /** From scratch, 512 tokens, no time limit, plain sampling, WAV on, named {@code sample-<seed>}. */
    public static GenerationOptions defaults(Path outDir, long seed) {
        return new GenerationOptions(Primer.start(), 512, 0, SamplingConfig.of(seed), outDir, "sample-" + seed, true);
    }

    public GenerationOptions withPrimer(Primer p) {
        return new GenerationOptions(p, length, maxSeconds, sampling, outDir, name, wav);
    }

    public GenerationOptions withLength(int l) {
        return new GenerationOptions(primer, l, maxSeconds, sampling, outDir, name, wav);
    }

    public GenerationOptions withMaxSeconds(double s) {
        return new GenerationOptions(primer, length, s, sampling, outDir, name, wav);
    }

    public GenerationOptions withSampling(SamplingConfig s) {
        return new GenerationOptions(primer, length, maxSeconds, s, outDir, name, wav);
    }

    public GenerationOptions withName(String n) {
        return new GenerationOptions(primer, length, maxSeconds, sampling, outDir, n, wav);
    }

    public GenerationOptions withOutDir(Path d) {
        return new GenerationOptions(primer, length, maxSeconds, sampling, d, name, wav);
    }

    public GenerationOptions withWav(boolean w) {
        return new GenerationOptions(primer, length, maxSeconds, sampling, outDir, name, w);
    }
}

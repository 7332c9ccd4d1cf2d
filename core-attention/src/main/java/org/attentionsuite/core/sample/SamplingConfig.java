package org.attentionsuite.core.sample;

import org.attentionsuite.core.UserError;

/**
 * How to pick each next token.
 *
 * @param temperature divides the logits; {@code 0} means greedy (argmax)
 * @param topK        keep the {@code k} most likely tokens ({@code 0} = all)
 * @param topP        keep the smallest set whose probability reaches {@code p} ({@code 1} = all)
 * @param seed        same seed, same output
 */
public record SamplingConfig(double temperature, int topK, double topP, long seed) {
    public SamplingConfig {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new UserError("temperature (" + temperature + ") must be >= 0");
        }
        if (topK < 0) {
            throw new UserError("top-k (" + topK + ") must be >= 0 (0 = off)");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new UserError("top-p (" + topP + ") must be in (0, 1]");
        }
    }

    /** Plain sampling at temperature 1. */
    public static SamplingConfig of(long seed) {
        return new SamplingConfig(1.0, 0, 1.0, seed);
    }

    /** The sampler this config describes. */
    public TokenSampler sampler() {
        if (temperature == 0) {
            return TokenSampler.argmax();
        }
        return TokenSampler.categorical(temperature, topK, topP);
    }
}

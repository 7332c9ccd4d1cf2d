package org.attentionsuite.experiments.bench;

import java.util.Arrays;
import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.DecodingState;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.tensor.Precision;

/**
 * Cost of generating one more token at sequence length {@code L}: with the key/value cache (one
 * {@code step} at positions near {@code L}) against full recomputation (one forward pass over the
 * whole prefix of {@code L − 1} tokens, which is what sampling without a cache does per token).
 */
public final class SampleBench {
    private SampleBench() {
    }

    /**
     * One measurement.
     *
     * @param attention         variant label
     * @param length            sequence length {@code L}
     * @param cachedSeconds     mean seconds per cached step over the last {@code window} positions
     * @param recomputeSeconds  median seconds of one full forward over {@code L − 1} tokens
     * @param cachedTokensPerS  {@code 1 / cachedSeconds}
     * @param recomputeTokensPerS {@code 1 / recomputeSeconds}
     * @param speedup           recompute / cached
     */
    public record Result(String attention, int length, double cachedSeconds, double recomputeSeconds,
            double cachedTokensPerS, double recomputeTokensPerS, double speedup) {
    }

    /** A small model (d 64, 4 heads, 2 layers, ffn 256, vocab 256) with the given attention. */
    public static ModelConfig model(AttentionSpec attention, int length, boolean relative) {
        return ModelConfig.of(256, 64, 4, 2, 256, length).withAttention(attention)
                .withPosition(relative ? new Positions.None() : new Positions.Learned());
    }

    /**
     * Times {@code config}'s model at its maximum length {@code L}.
     *
     * @throws UserError when {@code L < 2}: there is no prefix to recompute
     */
    public static Result run(ModelConfig config, int window, int repeats, long seed) {
        int length = config.maxLength();
        if (length < 2) {
            throw new UserError("length " + length + ": the recomputation runs over the L - 1 tokens before the "
                    + "last, so L must be at least 2");
        }
        DecoderModel model = new DecoderModel(config, Precision.FLOAT32, seed);
        Random rng = new Random(seed);
        int[] tokens = new int[length];
        for (int i = 0; i < length; i++) {
            tokens[i] = rng.nextInt(config.vocabSize());
        }
        DecodingState state = model.newDecodingState(1, length, null);
        int timedFrom = Math.max(0, length - window);
        long t0 = 0;
        for (int t = 0; t < length; t++) {
            if (t == timedFrom) {
                t0 = System.nanoTime();
            }
            model.step(state, new int[] {tokens[t]});
        }
        double cached = (System.nanoTime() - t0) / 1e9 / (length - timedFrom);
        int n = length - 1;
        Batch prefix = new Batch(Arrays.copyOf(tokens, n), new int[n], 1, n, null);
        double[] times = new double[repeats];
        model.forward(prefix, false); // warm-up
        for (int r = 0; r < repeats; r++) {
            long s = System.nanoTime();
            model.forward(prefix, false);
            times[r] = (System.nanoTime() - s) / 1e9;
        }
        Arrays.sort(times);
        double recompute = times[repeats / 2];
        return new Result(config.attention().label(), length, cached, recompute, 1 / cached, 1 / recompute,
                recompute / cached);
    }
}

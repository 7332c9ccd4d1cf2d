package org.attentionsuite.core.sample;

import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.IntConsumer;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.DecodingState;
import org.attentionsuite.core.tensor.Mat;

/**
 * Autoregressive generation with the key/value cache: the primer of each sequence is fed token by
 * token, then each new token is sampled from the logits of the previous one and fed back. A
 * {@link Progress} listener sees the sequences grow and may stop the generation.
 */
public final class Generator {
    private final DecoderModel model;

    public Generator(DecoderModel model) {
        this.model = model;
    }

    /** Restricts the ids allowed at a position (e.g. no PAD); {@code null} allows all. */
    @FunctionalInterface
    public interface Constraint {
        /** Called with the logits of the next position; may set disallowed entries to −∞. */
        void apply(int position, double[] logits);
    }

    /**
     * Told after each decoding step. To stop the generation (a cancelled request, a closed
     * connection), the listener throws {@link CancellationException}: {@code generate} passes it on
     * and returns nothing.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param filled    positions filled so far, primer included: every running sequence holds
         *                  valid tokens at {@code [0, filled)} (a finished one up to its own end)
         * @param sequences the sequences being generated, {@code (B, totalLength)}; read only, and
         *                  only during the call (they keep changing)
         */
        void advanced(int filled, int[][] sequences);

        /** A listener of the count only, e.g. a progress line. */
        static Progress counting(IntConsumer count) {
            return (filled, sequences) -> count.accept(filled);
        }
    }

    /**
     * Continues each primer to {@code totalLength} tokens (primer included).
     *
     * @param primers    one primer per sequence, each at least one token (e.g. a start token)
     * @param conditions class ids for a class-conditional model, or null
     * @param progress   told after each step (may be null)
     * @return the sequences, primer included
     * @throws CancellationException when {@code progress} stops the generation
     */
    public int[][] generate(int[][] primers, int totalLength, SamplingConfig config, int[] conditions,
            Constraint constraint, Progress progress) {
        return generate(primers, totalLength, config, conditions, constraint, StopRule.never(), progress);
    }

    /**
     * Continues each primer to at most {@code totalLength} tokens (primer included), stopping a
     * sequence early when {@code stop} says so (e.g. at EOS, or after a duration). One random
     * stream serves the batch in order; a finished sequence draws nothing more from it.
     *
     * @param primers    one primer per sequence, each at least one token (e.g. a start token)
     * @param conditions class ids for a class-conditional model, or null
     * @param constraint restricts the ids allowed at a position (e.g. no PAD), or null
     * @param stop       when a sequence is finished (checked after each sampled token, which is kept)
     * @param progress   told after each step (may be null)
     * @return the sequences, primer included, each as long as it ran
     * @throws CancellationException when {@code progress} stops the generation
     */
    public int[][] generate(int[][] primers, int totalLength, SamplingConfig config, int[] conditions,
            Constraint constraint, StopRule stop, Progress progress) {
        int b = primers.length;
        for (int[] p : primers) {
            if (p.length == 0 || p.length > totalLength) {
                throw new UserError("each primer needs 1.." + totalLength + " tokens, got " + p.length);
            }
        }
        if (totalLength > model.config().maxLength() + 1) {
            throw new UserError("length " + totalLength + " exceeds the model's maxLength + 1 ("
                    + (model.config().maxLength() + 1) + ")");
        }
        int[][] out = new int[b][totalLength];
        int[] lengths = new int[b];
        boolean[] done = new boolean[b];
        for (int s = 0; s < b; s++) {
            System.arraycopy(primers[s], 0, out[s], 0, primers[s].length);
            lengths[s] = primers[s].length;
        }
        Random rng = new Random(config.seed());
        TokenSampler sampler = config.sampler();
        DecodingState state = model.newDecodingState(b, totalLength - 1, conditions);
        int[] ids = new int[b];
        double[] row = new double[model.config().vocabSize()];                 // (V)
        int running = b;
        for (int t = 0; t < totalLength - 1 && running > 0; t++) {
            for (int s = 0; s < b; s++) {
                ids[s] = out[s][t];                                            // finished rows feed their last token
            }
            Mat logits = model.step(state, ids);                               // (B, V) for position t + 1
            for (int s = 0; s < b; s++) {
                if (done[s] || t + 1 < primers[s].length) {
                    continue;                                                  // finished, or inside the primer
                }
                for (int j = 0; j < row.length; j++) {
                    row[j] = logits.get(s, j);
                }
                if (constraint != null) {
                    constraint.apply(t + 1, row);
                }
                out[s][t + 1] = sampler.sample(row, rng);
                lengths[s] = t + 2;
                if (stop.stop(s, out[s], t + 2)) {
                    done[s] = true;
                    running--;
                }
            }
            if (progress != null) {
                progress.advanced(t + 2, out);
            }
        }
        int[][] trimmed = new int[b][];
        for (int s = 0; s < b; s++) {
            trimmed[s] = lengths[s] == totalLength ? out[s] : java.util.Arrays.copyOf(out[s], lengths[s]);
        }
        return trimmed;
    }
}

package org.attentionsuite.core.sample;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.attentionsuite.core.Seeds;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.DecodingState;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Mat;

/**
 * Autoregressive generation with the key/value cache: the primer of each sequence is fed token by
 * token, then each new token is sampled from the logits of the previous one and fed back. A
 * {@link Progress} listener sees the sequences grow and may stop the generation.
 *
 * <p>Sequences are decoded in chunks of {@value #CHUNK} (sequences {@code [c·CHUNK, (c+1)·CHUNK)}),
 * side by side on the workers' replicas, and sequence {@code s} draws from its own random stream
 * {@code Random(Seeds.mix(seed, s))}: the chunks and the streams do not depend on the number of
 * workers, so neither do the samples.
 */
public final class Generator {
    /** Sequences decoded together by one replica (one batch of the key/value caches). */
    public static final int CHUNK = 16;

    private final DecoderModel model;
    private final Workers workers;

    /** Generation on one thread. */
    public Generator(DecoderModel model) {
        this(model, Workers.threads(1));
    }

    /** Generation with the chunks spread over {@code workers} (threads of this process). */
    public Generator(DecoderModel model, Workers workers) {
        this.model = model;
        this.workers = workers;
    }

    /** Restricts the ids allowed at a position (e.g. no PAD); {@code null} allows all. */
    @FunctionalInterface
    public interface Constraint {
        /** Called with the logits of the next position; may set disallowed entries to −∞. */
        void apply(int position, double[] logits);
    }

    /**
     * Told whenever a chunk of sequences has advanced by one position (calls never overlap). To
     * stop the generation (a cancelled request, a closed connection), the listener throws
     * {@link CancellationException}: {@code generate} stops every chunk, passes it on and returns
     * nothing.
     */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param filled    per sequence, positions filled so far, primer included: sequence
         *                  {@code s} holds valid tokens at {@code [0, filled[s])}
         * @param sequences the sequences being generated, {@code (B, totalLength)}; read only, and
         *                  only during the call (they keep changing)
         */
        void advanced(int[] filled, int[][] sequences);

        /** A listener of the mean positions filled per sequence only, e.g. a progress line. */
        static Progress counting(IntConsumer meanFilled) {
            return (filled, sequences) -> meanFilled.accept((int) (Arrays.stream(filled).asLongStream().sum()
                    / filled.length));
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
     * sequence early when {@code stop} says so (e.g. at EOS, or after a duration).
     *
     * @param primers    one primer per sequence, each at least one token (e.g. a start token)
     * @param conditions class ids for a class-conditional model, or null
     * @param constraint restricts the ids allowed at a position (e.g. no PAD), or null; called from
     *                   the workers' threads, so it must not keep state
     * @param stop       when a sequence is finished (checked after each sampled token, which is
     *                   kept; called with the sequence's index in {@code primers})
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
        Run run = new Run(primers, totalLength, config, conditions, constraint, stop, progress);
        int chunks = (b + CHUNK - 1) / CHUNK;
        try (Replicas replicas = workers.open(model, 1)) {
            replicas.forEach(chunks, (replica, c) -> run.decode(replica, c * CHUNK, Math.min(b, (c + 1) * CHUNK)));
        }
        int[][] trimmed = new int[b][];
        for (int s = 0; s < b; s++) {
            trimmed[s] = run.filled[s] == totalLength ? run.out[s] : Arrays.copyOf(run.out[s], run.filled[s]);
        }
        return trimmed;
    }

    /** One generation: the sequences, how far each is filled, and what every chunk shares. */
    private static final class Run {
        final int[][] primers;
        final int totalLength;
        final SamplingConfig config;
        final int[] conditions;
        final Constraint constraint;
        final StopRule stop;
        final Progress progress;
        final int[][] out;
        final int[] filled;
        final AtomicBoolean cancelled = new AtomicBoolean();

        Run(int[][] primers, int totalLength, SamplingConfig config, int[] conditions, Constraint constraint,
                StopRule stop, Progress progress) {
            this.primers = primers;
            this.totalLength = totalLength;
            this.config = config;
            this.conditions = conditions;
            this.constraint = constraint;
            this.stop = stop;
            this.progress = progress;
            out = new int[primers.length][totalLength];
            filled = new int[primers.length];
            for (int s = 0; s < primers.length; s++) {
                System.arraycopy(primers[s], 0, out[s], 0, primers[s].length);
                filled[s] = primers[s].length;
            }
        }

        /** Decodes sequences {@code [from, to)} on {@code model}. */
        void decode(DecoderModel model, int from, int to) {
            int b = to - from;
            Random[] rngs = new Random[b];
            for (int k = 0; k < b; k++) {
                rngs[k] = new Random(Seeds.mix(config.seed(), from + k));
            }
            TokenSampler sampler = config.sampler();
            DecodingState state = model.newDecodingState(b, totalLength - 1,
                    conditions == null ? null : Arrays.copyOfRange(conditions, from, to));
            int[] ids = new int[b];
            boolean[] done = new boolean[b];
            double[] row = new double[model.config().vocabSize()];                 // (V)
            int running = b;
            for (int t = 0; t < totalLength - 1 && running > 0; t++) {
                if (cancelled.get()) {
                    throw new CancellationException("generation stopped");
                }
                for (int k = 0; k < b; k++) {
                    ids[k] = out[from + k][t];                                     // finished rows feed their last token
                }
                Mat logits = model.step(state, ids);                               // (b, V) for position t + 1
                for (int k = 0; k < b; k++) {
                    int s = from + k;
                    if (done[k] || t + 1 < primers[s].length) {
                        continue;                                                  // finished, or inside the primer
                    }
                    for (int j = 0; j < row.length; j++) {
                        row[j] = logits.get(k, j);
                    }
                    if (constraint != null) {
                        constraint.apply(t + 1, row);
                    }
                    out[s][t + 1] = sampler.sample(row, rngs[k]);
                    filled[s] = t + 2;
                    if (stop.stop(s, out[s], t + 2)) {
                        done[k] = true;
                        running--;
                    }
                }
                tell();
            }
        }

        private void tell() {
            if (progress == null) {
                return;
            }
            synchronized (this) {
                try {
                    progress.advanced(filled, out);
                } catch (CancellationException e) {
                    cancelled.set(true);
                    throw e;
                }
            }
        }
    }
}

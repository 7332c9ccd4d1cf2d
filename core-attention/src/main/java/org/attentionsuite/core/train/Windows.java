package org.attentionsuite.core.train;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;

/**
 * Cutting token sequences into teacher-forcing batches, the one implementation every corpus uses.
 * A window holds {@code L + 1} tokens; input = the first {@code L}, target = the last {@code L}.
 * A missing token ({@code -1}, past the end of a sequence) becomes {@code pad} as input and an
 * ignored target ({@code -1}); corpora whose PAD is a real padding id also ignore PAD targets.
 */
public final class Windows {
    private Windows() {
    }

    /** {@code length + 1} tokens of {@code seq} from {@code start}, {@code -1} past its end. */
    public static int[] window(int[] seq, int start, int length) {
        int[] w = new int[length + 1];
        for (int i = 0; i <= length; i++) {
            w[i] = start + i < seq.length ? seq[start + i] : -1;
        }
        return w;
    }

    /**
     * The batch of {@code windows} (each {@code L + 1} tokens).
     *
     * @param ignorePad whether {@code pad} in a window is padding (its targets are ignored) rather
     *                  than a real token that also serves as filler input
     */
    public static Batch toBatch(int[][] windows, int length, int pad, boolean ignorePad) {
        int b = windows.length;
        int[] in = new int[b * length];                                   // (B·L)
        int[] tg = new int[b * length];                                   // (B·L)
        for (int s = 0; s < b; s++) {
            int[] w = windows[s];
            if (w.length != length + 1) {
                throw new IllegalArgumentException("window of " + w.length + " tokens, expected " + (length + 1));
            }
            for (int i = 0; i < length; i++) {
                int x = w[i];
                int y = w[i + 1];
                in[s * length + i] = x < 0 ? pad : x;
                boolean padding = ignorePad && (x == pad || y == pad);
                tg[s * length + i] = x < 0 || y < 0 || padding ? -1 : y;
            }
        }
        return new Batch(in, tg, b, length, null);
    }

    /**
     * Windows starting at multiples of {@code length}, so that consecutive windows share one token
     * and every token but a sequence's first is a target exactly once; at most {@code maxWindows}
     * of them, evenly spaced, grouped into batches of {@code batch}.
     */
    public static List<Batch> tile(List<int[]> sequences, int length, int batch, int pad, boolean ignorePad,
            int maxWindows) {
        List<int[]> all = new ArrayList<>();
        for (int[] seq : sequences) {
            for (int start = 0; start + 1 < seq.length; start += length) {
                all.add(window(seq, start, length));
            }
        }
        List<int[]> kept = all;
        if (all.size() > maxWindows) {
            kept = new ArrayList<>();
            for (int k = 0; k < maxWindows; k++) {
                kept.add(all.get((int) ((long) k * all.size() / maxWindows)));
            }
        }
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i += batch) {
            int n = Math.min(batch, kept.size() - i);
            out.add(toBatch(kept.subList(i, i + n).toArray(new int[0][]), length, pad, ignorePad));
        }
        return List.copyOf(out);
    }

    /** {@code "sha256:<16 hex>"} of the sequences and a free-text description of the sampling. */
    public static String fingerprint(List<int[]> train, List<int[]> validation, String sampling) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<int[]> list : List.of(train, validation)) {
                for (int[] seq : list) {
                    for (int t : seq) {
                        md.update((byte) t);
                        md.update((byte) (t >>> 8));
                    }
                    md.update((byte) 0x7f);
                    md.update((byte) 0x7f);
                }
                md.update((byte) 0x55);
            }
            md.update(sampling.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Uniform random crops over a corpus: a sequence is drawn in proportion to its number of
     * window starts, then a start uniformly. Starts are multiples of {@code alignment} (4 keeps the
     * soprano–alto–tenor–bass steps of chorales aligned). A sequence no longer than a window has
     * the single start 0: unaligned samplers draw nothing for it, aligned ones still draw one value
     * (as the first chorale sampler did), so that published runs stay reproducible step for step.
     */
    public static final class Sampler {
        private final int windowTokens;
        private final int alignment;
        private final long[] cumulative;

        /**
         * @param lengths      token count of each sequence (at least one sequence)
         * @param windowTokens tokens per window, {@code L + 1}
         * @param alignment    starts are multiples of this
         */
        public Sampler(int[] lengths, int windowTokens, int alignment) {
            if (lengths.length == 0 || windowTokens < 1 || alignment < 1) {
                throw new IllegalArgumentException("a sampler needs sequences, a window and an alignment");
            }
            this.windowTokens = windowTokens;
            this.alignment = alignment;
            this.cumulative = new long[lengths.length];
            long total = 0;
            for (int i = 0; i < lengths.length; i++) {
                total += starts(lengths[i]);
                cumulative[i] = total;
            }
        }

        /** Number of aligned starts of a window in a sequence of {@code n} tokens (at least 1). */
        public int starts(int n) {
            int last = n - windowTokens;                   // last start of a complete window
            return last <= 0 ? 1 : last / alignment + 1;
        }

        /** The index of a sequence, drawn in proportion to its number of starts. */
        public int pickSequence(Random rng) {
            long pick = (long) (rng.nextDouble() * cumulative[cumulative.length - 1]);
            int s = 0;
            while (cumulative[s] <= pick) {
                s++;
            }
            return s;
        }

        /** A start in a sequence of {@code n} tokens. */
        public int pickStart(int n, Random rng) {
            int count = starts(n);
            return count == 1 && alignment == 1 ? 0 : alignment * rng.nextInt(count);
        }
    }
}

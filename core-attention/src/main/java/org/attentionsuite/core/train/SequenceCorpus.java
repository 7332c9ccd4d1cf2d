package org.attentionsuite.core.train;

import org.attentionsuite.core.UserError;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;

/**
 * A {@link DataSource} over token sequences: training batches are random crops of
 * {@code length + 1} tokens (sequences drawn in proportion to their length); validation batches
 * tile the held-out sequences with non-overlapping windows, fixed once. Sequences shorter than a
 * window are padded with ignored targets.
 */
public final class SequenceCorpus implements DataSource {
    private final List<int[]> train;
    private final int batchSize;
    private final int length;
    private final int padId;
    private final List<Batch> validation;
    private final long[] cumulative;
    private final String fingerprint;

    /**
     * @param train      training sequences (each at least 2 tokens)
     * @param validation held-out sequences
     * @param batchSize  sequences per batch
     * @param length     model input length {@code L}; windows hold {@code L + 1} tokens
     * @param padId      id used as input where a short sequence ends (its targets are ignored)
     */
    public SequenceCorpus(List<int[]> train, List<int[]> validation, int batchSize, int length, int padId) {
        if (train.isEmpty()) {
            throw new UserError("no training sequences");
        }
        if (batchSize <= 0 || length <= 0) {
            throw new UserError("batch size (" + batchSize + ") and length (" + length
                    + ") must be positive");
        }
        this.train = List.copyOf(train);
        this.batchSize = batchSize;
        this.length = length;
        this.padId = padId;
        this.cumulative = new long[train.size()];
        long total = 0;
        for (int i = 0; i < train.size(); i++) {
            if (train.get(i).length < 2) {
                throw new UserError("training sequence " + i + " has fewer than 2 tokens");
            }
            total += Math.max(1, train.get(i).length - length);
            cumulative[i] = total;
        }
        this.validation = tile(validation.isEmpty() ? train : validation);
        this.fingerprint = hash(train, validation);
    }

    @Override
    public Batch trainBatch(Random rng) {
        int[][] windows = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            long pick = (long) (rng.nextDouble() * cumulative[cumulative.length - 1]);
            int s = 0;
            while (cumulative[s] <= pick) {
                s++;
            }
            int[] seq = train.get(s);
            int start = seq.length > length + 1 ? rng.nextInt(seq.length - length) : 0;
            windows[b] = window(seq, start);
        }
        return toBatch(windows);
    }

    @Override
    public List<Batch> validationBatches() {
        return validation;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    private List<Batch> tile(List<int[]> seqs) {
        List<int[]> windows = new ArrayList<>();
        for (int[] seq : seqs) {
            for (int start = 0; start + 1 < seq.length; start += length) {
                windows.add(window(seq, start));
            }
        }
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < windows.size(); i += batchSize) {
            int n = Math.min(batchSize, windows.size() - i);
            out.add(toBatch(windows.subList(i, i + n).toArray(new int[0][])));
        }
        return List.copyOf(out);
    }

    /** {@code length + 1} tokens from {@code start}, padded with −1 (ignored). */
    private int[] window(int[] seq, int start) {
        int[] w = new int[length + 1];
        for (int i = 0; i <= length; i++) {
            w[i] = start + i < seq.length ? seq[start + i] : -1;
        }
        return w;
    }

    private Batch toBatch(int[][] windows) {
        int b = windows.length;
        int[] in = new int[b * length];
        int[] tg = new int[b * length];
        for (int s = 0; s < b; s++) {
            for (int i = 0; i < length; i++) {
                int x = windows[s][i];
                in[s * length + i] = x < 0 ? padId : x;
                tg[s * length + i] = x < 0 ? -1 : windows[s][i + 1];
            }
        }
        return new Batch(in, tg, b, length, null);
    }

    static String hash(List<int[]> a, List<int[]> b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<int[]> list : List.of(a, b)) {
                for (int[] seq : list) {
                    for (int t : seq) {
                        md.update((byte) t);
                        md.update((byte) (t >>> 8));
                    }
                    md.update((byte) 0x7f);
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.attentionsuite.core.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A teacher-forcing batch: {@code inputs} and {@code targets} are {@code B·L} ids, batch-major
 * (row {@code b·L + i} is position {@code i} of sequence {@code b}); a negative target is ignored
 * (padding). {@code conditions} holds one class id per sequence, or is null. Serializable, so a
 * batch's tokens can travel to a cluster's executors.
 */
public record Batch(int[] inputs, int[] targets, int batch, int length, int[] conditions) implements Serializable {
    public Batch {
        if (batch <= 0 || length <= 0) {
            throw new IllegalArgumentException("batch (" + batch + ") and length (" + length + ") must be positive");
        }
        if (inputs.length != batch * length || targets.length != batch * length) {
            throw new IllegalArgumentException("inputs/targets must hold batch*length = " + batch * length + " ids");
        }
        if (conditions != null && conditions.length != batch) {
            throw new IllegalArgumentException("conditions must hold one class per sequence (" + batch + ")");
        }
    }

    /**
     * Builds the shifted pair from {@code B} windows of {@code L + 1} tokens: input = first L,
     * target = last L.
     */
    public static Batch fromWindows(int[][] windows, int[] conditions) {
        int b = windows.length;
        int l = windows[0].length - 1;
        int[] in = new int[b * l];
        int[] tg = new int[b * l];
        for (int s = 0; s < b; s++) {
            if (windows[s].length != l + 1) {
                throw new IllegalArgumentException("all windows must have length " + (l + 1));
            }
            System.arraycopy(windows[s], 0, in, s * l, l);
            System.arraycopy(windows[s], 1, tg, s * l, l);
        }
        return new Batch(in, tg, b, l, conditions);
    }

    /** Sequences {@code [from, from + n)} of this batch, as a batch of their own (copies of the ids). */
    public Batch slice(int from, int n) {
        if (from < 0 || n <= 0 || from + n > batch) {
            throw new IllegalArgumentException("sequences [" + from + ", " + (from + n) + ") outside a batch of " + batch);
        }
        if (from == 0 && n == batch) {
            return this;
        }
        int[] in = Arrays.copyOfRange(inputs, from * length, (from + n) * length);
        int[] tg = Arrays.copyOfRange(targets, from * length, (from + n) * length);
        int[] cs = conditions == null ? null : Arrays.copyOfRange(conditions, from, from + n);
        return new Batch(in, tg, n, length, cs);
    }

    /**
     * This batch cut into micro-batches of {@code size} sequences (the last may be smaller), in
     * order: what one replica computes at a time, the same whatever the number of workers.
     */
    public List<Batch> split(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("micro-batch size " + size + " must be positive");
        }
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < batch; from += size) {
            out.add(slice(from, Math.min(size, batch - from)));
        }
        return out;
    }

    /** Number of counted (non-negative) targets. */
    public int countedTargets() {
        int n = 0;
        for (int t : targets) {
            if (t >= 0) {
                n++;
            }
        }
        return n;
    }
}

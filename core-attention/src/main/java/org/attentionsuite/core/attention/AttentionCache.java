package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Decoding state of one attention layer for incremental sampling: the keys and values of every
 * position generated so far, {@code (B·T, D)} with {@code T} the capacity. Variants needing more
 * state extend it.
 */
public class AttentionCache {
    private final int batch;
    private final int capacity;
    private final Mat keys;   // (B·T, D)
    private final Mat values; // (B·T, D)
    private final Precision precision;
    private Mat scores;       // (1, T) step scratch, allocated on first use
    private int length;

    public AttentionCache(Precision precision, int batch, int capacity, int dModel) {
        if (batch <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("cache batch " + batch + " and capacity " + capacity + " must be positive");
        }
        this.batch = batch;
        this.capacity = capacity;
        this.precision = precision;
        this.keys = Mat.zeros(precision, batch * capacity, dModel);
        this.values = Mat.zeros(precision, batch * capacity, dModel);
    }

    public int batch() {
        return batch;
    }

    public int capacity() {
        return capacity;
    }

    /** Positions stored so far; the next step writes position {@code length()}. */
    public int length() {
        return length;
    }

    /**
     * A reusable {@code (1, n)} row for one step's attention scores, {@code n ≤ capacity}: decoding
     * allocates nothing per token.
     */
    public Mat scores(int n) {
        if (scores == null) {
            scores = Mat.zeros(precision, 1, capacity);
        }
        return scores.cols(0, n);
    }

    /** Keys of sequence {@code b}, positions {@code [0, n)}: {@code (n, D)}. */
    public Mat keys(int b, int n) {
        return keys.rows(b * capacity, n);
    }

    /** Values of sequence {@code b}, positions {@code [0, n)}: {@code (n, D)}. */
    public Mat values(int b, int n) {
        return values.rows(b * capacity, n);
    }

    /**
     * Stores the key and value of the new position {@code length()} from {@code qkv (B, 3D)} and
     * returns that position.
     */
    public int append(Mat qkv) {
        if (length >= capacity) {
            throw new IllegalStateException("decoding cache is full (" + capacity + " positions)");
        }
        int d = keys.cols();
        int t = length;
        for (int b = 0; b < batch; b++) {
            keys.rows(b * capacity + t, 1).copyFrom(qkv.rows(b, 1).cols(d, d));
            values.rows(b * capacity + t, 1).copyFrom(qkv.rows(b, 1).cols(2 * d, d));
        }
        length++;
        return t;
    }
}

package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Mat;

/**
 * The attention core of one layer: from projected queries, keys and values to the per-head
 * weighted sums, {@code out = softmax(mask(Q·Kᵀ + extra) / √Dh)·V}, heads side by side.
 *
 * <p>Layout: {@code qkv (B·L, 3D)} holds {@code Q | K | V} as column blocks, head {@code h} at
 * columns {@code h·Dh .. (h+1)·Dh} of each block; {@code out (B·L, D)} holds the heads the same way.
 * Rows are batch-major. Every variant is causal: output {@code i} never depends on inputs after
 * {@code i}.
 */
public interface Attention {
    /** {@code out (B·L, D)} from {@code qkv (B·L, 3D)}; keeps what {@link #backward} needs. */
    void forward(Mat qkv, Mat out, int batch, int length);

    /**
     * Gradient of the last {@link #forward}: writes {@code dqkv (B·L, 3D)} (overwriting) from
     * {@code dOut (B·L, D)} and accumulates the variant's own parameter gradients.
     */
    void backward(Mat dOut, Mat dqkv);

    /** A fresh decoding cache for {@code batch} sequences of up to {@code capacity} positions. */
    AttentionCache newCache(int batch, int capacity);

    /**
     * One incremental step: {@code qkv (B, 3D)} of the next position of each sequence, appended to
     * the cache; writes {@code out (B, D)}. Equals the last row of {@link #forward} on the whole
     * prefix.
     */
    void step(Mat qkv, Mat out, AttentionCache cache);

    /**
     * Where query position {@code query} of sequence {@code b} looked in the last {@link #forward}:
     * its attention probabilities {@code (H, query + 1)}, row {@code h} over the key positions
     * {@code 0..query}. Each row sums to 1 over the variant's memory and is 0 outside it. Read from
     * the probabilities the forward pass keeps for {@link #backward}; no recomputation.
     *
     * @throws IllegalStateException before any forward
     * @throws IndexOutOfBoundsException when {@code b} or {@code query} is outside the last forward
     */
    double[][] weights(int b, int query);

    /** The checks of {@link #weights}: a forward of {@code batch x length} happened and holds {@code (b, query)}. */
    static void checkWeights(int batch, int length, int b, int query) {
        if (length == 0) {
            throw new IllegalStateException("attention weights are kept by a forward pass; none ran yet");
        }
        if (b < 0 || b >= batch || query < 0 || query >= length) {
            throw new IndexOutOfBoundsException("sequence " + b + " position " + query + " is outside the last forward ("
                    + batch + " x " + length + ")");
        }
    }
}

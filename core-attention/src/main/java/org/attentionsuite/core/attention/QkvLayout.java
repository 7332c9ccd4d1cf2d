package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Mat;

/**
 * Per-head windows on the packed projections, without copies. For {@code qkv (B·L, 3D)}:
 * {@code Q_bh = rows [b·L, b·L + L), columns [h·Dh, (h+1)·Dh)}; {@code K_bh} and {@code V_bh} are
 * the same columns shifted by {@code D} and {@code 2D}. For {@code out (B·L, D)} the head is at
 * columns {@code [h·Dh, (h+1)·Dh)}.
 *
 * @param dModel {@code D}
 * @param heads  {@code H}
 */
public record QkvLayout(int dModel, int heads) {
    public QkvLayout {
        if (heads <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide d_model (" + dModel + ")");
        }
    }

    public int headDim() {
        return dModel / heads;
    }

    /** {@code Q_bh (L, Dh)}. */
    public Mat q(Mat qkv, int b, int length, int h) {
        return qkv.rows(b * length, length).cols(h * headDim(), headDim());
    }

    /** {@code K_bh (L, Dh)}. */
    public Mat k(Mat qkv, int b, int length, int h) {
        return qkv.rows(b * length, length).cols(dModel + h * headDim(), headDim());
    }

    /** {@code V_bh (L, Dh)}. */
    public Mat v(Mat qkv, int b, int length, int h) {
        return qkv.rows(b * length, length).cols(2 * dModel + h * headDim(), headDim());
    }

    /** Head {@code h} of sequence {@code b} in an {@code (B·L, D)} matrix: {@code (L, Dh)}. */
    public Mat head(Mat x, int b, int length, int h) {
        return x.rows(b * length, length).cols(h * headDim(), headDim());
    }
}

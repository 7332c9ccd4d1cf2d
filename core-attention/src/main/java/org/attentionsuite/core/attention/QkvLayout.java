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
        checkHeads(dModel, heads);
    }

    /** Throws unless {@code heads} divides a positive {@code dModel}. */
    public static void checkHeads(int dModel, int heads) {
        if (heads <= 0 || dModel <= 0 || dModel % heads != 0) {
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

    /** Checks {@code qkv (≥ B·L, 3D)} and {@code out (≥ B·L, D)}, naming the sizes that do not fit. */
    public void checkForward(Mat qkv, Mat out, int batch, int length) {
        if (batch <= 0 || length <= 0) {
            throw new IllegalArgumentException("batch (" + batch + ") and length (" + length + ") must be positive");
        }
        long rows = (long) batch * length;
        if (qkv.rows() < rows || qkv.cols() != 3 * dModel) {
            throw new IllegalArgumentException("qkv is " + qkv.rows() + "x" + qkv.cols() + ", expected at least "
                    + rows + "x" + 3 * dModel);
        }
        if (out.rows() < rows || out.cols() != dModel) {
            throw new IllegalArgumentException("out is " + out.rows() + "x" + out.cols() + ", expected at least "
                    + rows + "x" + dModel);
        }
    }

    /** Checks {@code dOut (≥ B·L, D)} and {@code dqkv (≥ B·L, 3D)} against the last forward of {@code (B, L)}. */
    public void checkBackward(Mat dOut, Mat dqkv, int batch, int length) {
        if (length == 0) {
            throw new IllegalStateException("backward called before forward");
        }
        long rows = (long) batch * length;
        if (dOut.rows() < rows || dOut.cols() != dModel || dqkv.rows() < rows || dqkv.cols() != 3 * dModel) {
            throw new IllegalArgumentException("dOut " + dOut.rows() + "x" + dOut.cols() + " / dqkv " + dqkv.rows()
                    + "x" + dqkv.cols() + " do not match the last forward (" + rows + " rows, D = " + dModel + ")");
        }
    }
}

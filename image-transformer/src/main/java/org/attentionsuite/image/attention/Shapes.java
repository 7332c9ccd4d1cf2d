package org.attentionsuite.image.attention;

import org.attentionsuite.core.tensor.Mat;

/** Argument checks shared by the local variants, with messages naming the offending sizes. */
final class Shapes {
    private Shapes() {
    }

    /** {@code qkv (≥ B·L, 3D)} and {@code out (≥ B·L, D)}. */
    static void checkForward(Mat qkv, Mat out, int batch, int length, int dModel) {
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

    /** {@code dOut (≥ B·L, D)} and {@code dqkv (≥ B·L, 3D)} after a forward of {@code (B, L)}. */
    static void checkBackward(Mat dOut, Mat dqkv, int batch, int length, int dModel) {
        if (length == 0) {
            throw new IllegalStateException("backward called before forward");
        }
        long rows = (long) batch * length;
        if (dOut.rows() < rows || dOut.cols() != dModel || dqkv.rows() < rows || dqkv.cols() != 3 * dModel) {
            throw new IllegalArgumentException("dOut " + dOut.rows() + "x" + dOut.cols() + " / dqkv " + dqkv.rows()
                    + "x" + dqkv.cols() + " do not match the last forward (" + rows + " rows, D = " + dModel + ")");
        }
    }

    /** {@code heads} must divide {@code dModel}. */
    static void checkHeads(int dModel, int heads) {
        if (heads <= 0 || dModel <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide d_model (" + dModel + ")");
        }
    }
}

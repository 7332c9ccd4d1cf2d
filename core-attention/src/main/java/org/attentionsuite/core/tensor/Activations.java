package org.attentionsuite.core.tensor;

import static org.attentionsuite.core.tensor.Lanes.W;
import static org.attentionsuite.core.tensor.Lanes.bb;
import static org.attentionsuite.core.tensor.Lanes.load;
import static org.attentionsuite.core.tensor.Lanes.store;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The bias and activation passes of the linear layers, fused: bias add, bias + ReLU, bias + GELU,
 * their backward passes, and the bias gradient. float32 data runs the vector form
 * ({@link Vectorized}, see {@link Lanes}) on parallel row ranges where there is one; float64
 * (gradient checks) and JVMs without the vector module run the scalar loops.
 */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final Mat[] ONES = new Mat[Precision.values().length];

    private Activations() {
    }

    /** {@code x (N, C) += bias (1, C)} on every row. */
    public static void addRowVector(Mat x, Mat bias) {
        addBias(x, bias, false);
    }

    /**
     * {@code out (1, C) += Σ_rows x (N, C)}: the gradient of a broadcast bias, as the product
     * {@code ones (1, N) · x} (one BLAS call is cheaper than a pass of column sums, ENGINE-NOTES).
     */
    public static void accumulateColumnSums(Mat x, Mat out) {
        if (x.rows() == 0) {
            return;
        }
        Blas.get().gemm(ones(x.precision(), x.rows()), false, x, false, out, 1, 1);
    }

    /** A {@code (1, n)} row of ones, shared and grown on demand; never written by callers. */
    private static synchronized Mat ones(Precision p, int n) {
        Mat m = ONES[p.ordinal()];
        if (m == null || m.cols() < n) {
            m = Mat.zeros(p, 1, Math.max(n, 1024));
            m.fill(1.0);
            ONES[p.ordinal()] = m;
        }
        return m.cols(0, n);
    }

    /** In place {@code x = relu(x + bias)} for {@code x (N, C)}, {@code bias (1, C)}. */
    public static void biasRelu(Mat x, Mat bias) {
        addBias(x, bias, true);
    }

    /** {@code x (N, C) += bias (1, C)}, and {@code relu} after it when asked. */
    private static void addBias(Mat x, Mat bias, boolean relu) {
        if (Simd.eligible(x, bias)) {
            Elementwise.rowsParallel(x, (r, n) -> Vectorized.addBias(x.rows(r, n), bias, relu));
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(r, j) + bias.get(0, j);
                x.set(r, j, relu && !(v > 0) ? 0 : v);
            }
        }
    }

    /** In place {@code dy *= [y > 0]}: ReLU backward from its output. */
    public static void reluBackward(Mat dy, Mat y) {
        if (Simd.eligible(dy, y)) {
            Elementwise.rowsParallel(dy, (r, n) -> Vectorized.reluBackward(dy.rows(r, n), y.rows(r, n)));
            return;
        }
        for (int r = 0; r < dy.rows(); r++) {
            for (int j = 0; j < dy.cols(); j++) {
                if (!(y.get(r, j) > 0)) {
                    dy.set(r, j, 0);
                }
            }
        }
    }

    /**
     * {@code pre = x + bias} kept for backward, {@code y = gelu(pre)} (tanh form, Hendrycks and Gimpel
     * 2016). {@code x} and {@code pre} may be the same window. Scalar loops only, in either precision.
     */
    public static void biasGelu(Mat x, Mat bias, Mat pre, Mat y) {
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(r, j) + bias.get(0, j);
                pre.set(r, j, v);
                double t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                y.set(r, j, 0.5 * v * (1 + t));
            }
        }
    }

    /** In place {@code dy *= gelu'(pre)}. */
    public static void geluBackward(Mat dy, Mat pre) {
        for (int r = 0; r < dy.rows(); r++) {
            for (int j = 0; j < dy.cols(); j++) {
                double v = pre.get(r, j);
                double u = SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
                double t = Math.tanh(u);
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
                double g = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du;
                dy.set(r, j, dy.get(r, j) * g);
            }
        }
    }

    /** The float32 forms. */
    private static final class Vectorized {
        private Vectorized() {
        }

        /** {@code x += bias}, and {@code relu} after it when asked. */
        static void addBias(Mat x, Mat bias, boolean relu) {
            ByteBuffer b = bb(x);
            ByteBuffer bb = bb(bias);
            int bo = bias.offset();
            int n = x.cols();
            for (int r = 0; r < x.rows(); r++) {
                int o = x.offset() + r * x.ld();
                int i = 0;
                for (int up = n - W; i <= up; i += W) {
                    FloatVector v = load(b, o + i).add(load(bb, bo + i));
                    store(relu ? v.max(0f) : v, b, o + i);
                }
                for (; i < n; i++) {
                    float v = b.getFloat((o + i) << 2) + bb.getFloat((bo + i) << 2);
                    b.putFloat((o + i) << 2, relu ? Math.max(v, 0f) : v);
                }
            }
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(bias);
        }

        /** {@code dy = 0 where y <= 0}. */
        static void reluBackward(Mat dy, Mat y) {
            ByteBuffer d = bb(dy);
            ByteBuffer yb = bb(y);
            int n = dy.cols();
            for (int r = 0; r < dy.rows(); r++) {
                int o = dy.offset() + r * dy.ld();
                int yo = y.offset() + r * y.ld();
                int i = 0;
                for (int up = n - W; i <= up; i += W) {
                    FloatVector g = load(d, o + i);
                    store(g.blend(0f, load(yb, yo + i).compare(VectorOperators.LE, 0f)), d, o + i);
                }
                for (; i < n; i++) {
                    if (!(yb.getFloat((yo + i) << 2) > 0)) {
                        d.putFloat((o + i) << 2, 0f);
                    }
                }
            }
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(y);
        }
    }
}

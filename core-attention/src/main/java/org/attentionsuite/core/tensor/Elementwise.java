package org.attentionsuite.core.tensor;

import static org.attentionsuite.core.tensor.Lanes.W;
import static org.attentionsuite.core.tensor.Lanes.bb;
import static org.attentionsuite.core.tensor.Lanes.load;
import static org.attentionsuite.core.tensor.Lanes.store;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Element-wise passes over {@link Mat} windows: scaling, masking (dropout), the L2 norm, and the
 * zeroing, copying and {@code axpy} behind {@link Mat#zero}, {@link Mat#copyFrom} and
 * {@link Mat#addScaled}. float32 data runs the vector form ({@link Vectorized}, see {@link Lanes})
 * on parallel row ranges; float64 (gradient checks) and JVMs without the vector module run the
 * scalar loops.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** Row-independent work on {@code m}: {@code body} receives disjoint row windows, in parallel. */
    static void rowsParallel(Mat m, BiConsumer<Integer, Integer> body) {
        int parts = Parallel.rowParts(m.rows());
        Parallel.forParts(parts, (long) m.rows() * m.cols(), p -> {
            int from = Parallel.start(p, parts, m.rows());
            int to = Parallel.start(p + 1, parts, m.rows());
            if (to > from) {
                body.accept(from, to - from);
            }
        });
    }

    /** {@code c *= beta} ({@code beta = 0} clears, ignoring NaN already there). */
    public static void scale(Mat c, double beta) {
        if (beta != 0 && Simd.eligible(c)) {
            rowsParallel(c, (r, n) -> Vectorized.scale(c.rows(r, n), (float) beta));
            return;
        }
        if (beta == 0) {
            c.zero();
            return;
        }
        Storage s = c.s();
        for (int r = 0; r < c.rows(); r++) {
            int o = c.offset() + r * c.ld();
            for (int j = 0; j < c.cols(); j++) {
                s.set(o + j, s.get(o + j) * beta);
            }
        }
    }

    /** In place {@code x = x ⊙ mask} where the mask holds {@code 0} or {@code 1/(1−p)}. */
    public static void multiply(Mat x, Mat mask) {
        if (Simd.eligible(x, mask)) {
            rowsParallel(x, (r, n) -> Vectorized.multiply(x.rows(r, n), mask.rows(r, n)));
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            int mo = mask.offset() + r * mask.ld();
            for (int j = 0; j < x.cols(); j++) {
                x.s().set(o + j, x.s().get(o + j) * mask.s().get(mo + j));
            }
        }
    }

    /** Global L2 norm of a window. */
    public static double norm2(Mat x) {
        if (Simd.eligible(x)) {
            if (x.rows() == 1) {                                            // flat buffers: split the columns
                int parts = Parallel.REDUCTION_PARTS;
                double[] sums = new double[parts];
                Parallel.forParts(parts, x.cols(), p -> {
                    int from = Parallel.start(p, parts, x.cols());
                    sums[p] = Vectorized.sumOfSquares(x.cols(from, Parallel.start(p + 1, parts, x.cols()) - from));
                });
                double total = 0;
                for (double v : sums) {
                    total += v;
                }
                return Math.sqrt(total);
            }
            return Math.sqrt(Vectorized.sumOfSquares(x));
        }
        double s = 0;
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            for (int j = 0; j < x.cols(); j++) {
                double v = x.s().get(o + j);
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** {@link Mat#zero} of a float32 window: in parallel row ranges, vector lanes. */
    static void zero(Mat c) {
        rowsParallel(c, (r, n) -> Vectorized.zero(c.rows(r, n)));
    }

    /** {@code dst = src} ({@code copy}) or {@code dst += alpha·src} of float32 windows of one shape. */
    static void axpy(Mat src, Mat dst, float alpha, boolean copy) {
        rowsParallel(dst, (r, n) -> Vectorized.axpy(src.rows(r, n), dst.rows(r, n), alpha, copy));
    }

    /** The float32 forms. */
    private static final class Vectorized {
        private Vectorized() {
        }

        static void zero(Mat c) {
            ByteBuffer b = bb(c);
            for (int r = 0; r < c.rows(); r++) {
                Lanes.zeroRange(b, c.offset() + r * c.ld(), c.cols());
            }
            Reference.reachabilityFence(c);
        }

        static void scale(Mat c, float beta) {
            ByteBuffer b = bb(c);
            for (int r = 0; r < c.rows(); r++) {
                int o = c.offset() + r * c.ld();
                int n = c.cols();
                int i = 0;
                for (int up = n - W; i <= up; i += W) {
                    store(load(b, o + i).mul(beta), b, o + i);
                }
                for (; i < n; i++) {
                    b.putFloat((o + i) << 2, b.getFloat((o + i) << 2) * beta);
                }
            }
            Reference.reachabilityFence(c);
        }

        /** {@code dst = src} ({@code copy}) or {@code dst += alpha·src}. */
        static void axpy(Mat src, Mat dst, float alpha, boolean copy) {
            ByteBuffer s = bb(src);
            ByteBuffer d = bb(dst);
            int n = dst.cols();
            for (int r = 0; r < dst.rows(); r++) {
                int so = src.offset() + r * src.ld();
                int o = dst.offset() + r * dst.ld();
                int i = 0;
                if (copy) {
                    for (int up = n - W; i <= up; i += W) {
                        store(load(s, so + i), d, o + i);
                    }
                    for (; i < n; i++) {
                        d.putFloat((o + i) << 2, s.getFloat((so + i) << 2));
                    }
                } else {
                    for (int up = n - W; i <= up; i += W) {
                        store(load(s, so + i).mul(alpha).add(load(d, o + i)), d, o + i);
                    }
                    for (; i < n; i++) {
                        d.putFloat((o + i) << 2, d.getFloat((o + i) << 2) + alpha * s.getFloat((so + i) << 2));
                    }
                }
            }
            Reference.reachabilityFence(src);
            Reference.reachabilityFence(dst);
        }

        /** {@code x = x ⊙ m}. */
        static void multiply(Mat x, Mat m) {
            ByteBuffer b = bb(x);
            ByteBuffer mb = bb(m);
            int n = x.cols();
            for (int r = 0; r < x.rows(); r++) {
                int o = x.offset() + r * x.ld();
                int mo = m.offset() + r * m.ld();
                int i = 0;
                for (int up = n - W; i <= up; i += W) {
                    store(load(b, o + i).mul(load(mb, mo + i)), b, o + i);
                }
                for (; i < n; i++) {
                    b.putFloat((o + i) << 2, b.getFloat((o + i) << 2) * mb.getFloat((mo + i) << 2));
                }
            }
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(m);
        }

        static double sumOfSquares(Mat x) {
            ByteBuffer b = bb(x);
            double s = 0;
            for (int r = 0; r < x.rows(); r++) {
                int o = x.offset() + r * x.ld();
                int n = x.cols();
                FloatVector acc = FloatVector.zero(Lanes.S);
                int i = 0;
                for (int up = n - W; i <= up; i += W) {
                    FloatVector v = load(b, o + i);
                    acc = v.fma(v, acc);
                    if ((i & 4095) == 0) { // flush to double now and then: keeps long sums accurate
                        s += acc.reduceLanes(VectorOperators.ADD);
                        acc = FloatVector.zero(Lanes.S);
                    }
                }
                s += acc.reduceLanes(VectorOperators.ADD);
                for (; i < n; i++) {
                    float v = b.getFloat((o + i) << 2);
                    s += v * v;
                }
            }
            double result = s;
            Reference.reachabilityFence(x);
            return result;
        }
    }
}

package org.attentionsuite.core.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products into preallocated outputs: {@code C = alpha·op(A)·op(B) + beta·C} on {@link Mat}
 * windows. Two paths with one contract: {@link #cpu()} calls OpenBLAS directly on the native memory
 * (CPU backend only; measured 1.5x faster than {@code Nd4j.gemm} and free of view copies), and
 * {@link #portable()} goes through {@code Nd4j.gemm} on strided views, which any ND4J backend runs.
 */
public abstract class Blas {
    private static final Blas CPU = new Cpu();
    private static final Blas PORTABLE = new Portable();
    private static final Blas DEFAULT = detect();
    /** {@code -Dsuite.profileGemm=true}: count time and FLOPs of every product (for benchmarks). */
    private static final boolean PROFILE = Boolean.getBoolean("suite.profileGemm");
    private static final java.util.concurrent.atomic.LongAdder NANOS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder FLOPS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder CALLS = new java.util.concurrent.atomic.LongAdder();

    /** GEMM time, FLOPs ({@code 2mnk}) and calls counted since the last {@link #resetProfile()}. */
    public record Profile(long nanos, long flops, long calls) {
        /** Achieved GFLOP/s. */
        public double gflops() {
            return nanos == 0 ? 0 : flops / (double) nanos;
        }
    }

    /** Whether GEMM profiling is on. */
    public static boolean profiling() {
        return PROFILE;
    }

    public static Profile profile() {
        return new Profile(NANOS.sum(), FLOPS.sum(), CALLS.sum());
    }

    public static void resetProfile() {
        NANOS.reset();
        FLOPS.reset();
        CALLS.reset();
    }

    /** The path for the current ND4J backend. */
    public static Blas get() {
        return DEFAULT;
    }

    public static Blas cpu() {
        return CPU;
    }

    public static Blas portable() {
        return PORTABLE;
    }

    /**
     * Sets the threads of every matrix product on the CPU path (process-wide; the portable path
     * leaves threading to the backend). Several trainings side by side in one process each want one
     * thread: more would make them fight over the cores.
     *
     * @return the previous number of threads (1 on the portable path)
     */
    public static int setCpuThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BLAS threads " + threads + " < 1");
        }
        if (DEFAULT != CPU) {
            return 1;
        }
        int before = openblas_nolapack.blas_get_num_threads();
        openblas_nolapack.blas_set_num_threads(threads);
        return before;
    }

    private static Blas detect() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        return backend.contains("Cpu") && !Boolean.getBoolean("suite.portableBlas") ? CPU : PORTABLE;
    }

    /**
     * {@code C (m, n) = alpha · op(A) (m, k) · op(B) (k, n) + beta · C}; {@code op(X)} is {@code Xᵀ}
     * when the flag is set.
     */
    public final void gemm(Mat a, boolean transA, Mat b, boolean transB, Mat c, double alpha, double beta) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb || c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException("gemm shapes: op(A) " + m + "x" + k + ", op(B) " + kb + "x" + n
                    + ", C " + c.rows() + "x" + c.cols());
        }
        if (a.precision() != c.precision() || b.precision() != c.precision()) {
            throw new IllegalArgumentException("gemm precisions differ");
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Elementwise.scale(c, beta);
            return;
        }
        if (PROFILE) {
            long t0 = System.nanoTime();
            run(a, transA, b, transB, c, m, n, k, alpha, beta);
            NANOS.add(System.nanoTime() - t0);
            FLOPS.add(2L * m * n * k);
            CALLS.increment();
        } else {
            run(a, transA, b, transB, c, m, n, k, alpha, beta);
        }
        // The native call sees raw addresses only: keep the ND4J arrays alive until it returns.
        java.lang.ref.Reference.reachabilityFence(a);
        java.lang.ref.Reference.reachabilityFence(b);
        java.lang.ref.Reference.reachabilityFence(c);
    }

    protected abstract void run(Mat a, boolean ta, Mat b, boolean tb, Mat c, int m, int n, int k,
            double alpha, double beta);

    private static final class Cpu extends Blas {
        @Override
        protected void run(Mat a, boolean ta, Mat b, boolean tb, Mat c, int m, int n, int k, double alpha,
                double beta) {
            int opA = ta ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            int opB = tb ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            if (c.precision() == Precision.FLOAT32) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                        fp(a), a.ld(), fp(b), b.ld(), (float) beta, fp(c), c.ld());
            } else {
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, opA, opB, m, n, k, alpha,
                        dp(a), a.ld(), dp(b), b.ld(), beta, dp(c), c.ld());
            }
        }

        private static FloatPointer fp(Mat m) {
            // Storage arrays are never views, so the address is element 0; the window offset goes on top.
            return new FloatPointer(m.s().pointer()).position(m.offset());
        }

        private static DoublePointer dp(Mat m) {
            return new DoublePointer(m.s().pointer()).position(m.offset());
        }
    }

    private static final class Portable extends Blas {
        @Override
        protected void run(Mat a, boolean ta, Mat b, boolean tb, Mat c, int m, int n, int k, double alpha,
                double beta) {
            INDArray va = view(a);
            INDArray vb = view(b);
            INDArray vc = view(c);
            if (vc.elementWiseStride() == 1) {
                Nd4j.gemm(va, vb, vc, ta, tb, alpha, beta);
                return;
            }
            // Nd4j.gemm rejects an output with gaps between rows (a column block, ld > cols):
            // multiply into a contiguous copy and write it back into the window.
            INDArray tmp = vc.dup('c');
            Nd4j.gemm(va, vb, tmp, ta, tb, alpha, beta);
            vc.assign(tmp);
        }

        private static INDArray view(Mat m) {
            return Nd4j.create(m.s().array().data(), new long[] {m.rows(), m.cols()}, new long[] {m.ld(), 1},
                    m.offset(), 'c');
        }
    }
}

package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 SIMD kernels at sizes large enough to be split over threads, against the float64
 * scalar path on the same inputs; and repeat runs are bit-identical.
 */
class ParallelKernelsTest {
    static final int ROWS = 333; // not a multiple of the part count
    static final int COLS = 200; // 66,600 elements: above Parallel.MIN_PARALLEL_WORK

    static Mat random(Precision p, int rows, int cols, long seed) {
        Mat m = Mat.zeros(p, rows, cols);
        Random rng = new Random(seed);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m.set(r, c, (float) rng.nextGaussian());
            }
        }
        return m;
    }

    static Mat copy(Mat m, Precision p) {
        Mat out = Mat.zeros(p, m.rows(), m.cols());
        out.copyFrom(m);
        return out;
    }

    static void close(Mat want, Mat got, double tol) {
        double[] a = want.toArray();
        double[] b = got.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], tol * Math.max(1, Math.abs(a[i])), "element " + i);
        }
    }

    @Test
    void rowKernelsMatchTheScalarPath() {
        assertTrue(Simd.ENABLED, "tests run with the vector module");
        Mat x32 = random(Precision.FLOAT32, ROWS, COLS, 1);
        Mat x64 = copy(x32, Precision.FLOAT64);
        Mat b32 = random(Precision.FLOAT32, 1, COLS, 2);
        Mat b64 = copy(b32, Precision.FLOAT64);
        Activations.biasRelu(x32, b32);
        Activations.biasRelu(x64, b64);
        close(x64, x32, 1e-6);

        Mat g32 = random(Precision.FLOAT32, 1, COLS, 3);
        Mat g64 = copy(g32, Precision.FLOAT64);
        Mat y32 = Mat.zeros(Precision.FLOAT32, ROWS, COLS);
        Mat y64 = Mat.zeros(Precision.FLOAT64, ROWS, COLS);
        double[] m32 = new double[ROWS];
        double[] r32 = new double[ROWS];
        double[] m64 = new double[ROWS];
        double[] r64 = new double[ROWS];
        LayerNormKernel.forward(x32, g32, b32, y32, m32, r32, 1e-5);
        LayerNormKernel.forward(x64, g64, b64, y64, m64, r64, 1e-5);
        close(y64, y32, 2e-5);

        Mat dy32 = random(Precision.FLOAT32, ROWS, COLS, 4);
        Mat dy64 = copy(dy32, Precision.FLOAT64);
        Mat dx32 = Mat.zeros(Precision.FLOAT32, ROWS, COLS);
        Mat dx64 = Mat.zeros(Precision.FLOAT64, ROWS, COLS);
        Mat dg32 = Mat.zeros(Precision.FLOAT32, 1, COLS);
        Mat dg64 = Mat.zeros(Precision.FLOAT64, 1, COLS);
        Mat db32 = Mat.zeros(Precision.FLOAT32, 1, COLS);
        Mat db64 = Mat.zeros(Precision.FLOAT64, 1, COLS);
        LayerNormKernel.backward(dy32, x32, g32, m32, r32, dx32, dg32, db32);
        LayerNormKernel.backward(dy64, x64, g64, m64, r64, dx64, dg64, db64);
        close(dx64, dx32, 1e-4);
        close(dg64, dg32, 1e-4);
        close(db64, db32, 1e-4);

        Mat cs32 = Mat.zeros(Precision.FLOAT32, 1, COLS);
        Mat cs64 = Mat.zeros(Precision.FLOAT64, 1, COLS);
        Activations.accumulateColumnSums(dy32, cs32);
        Activations.accumulateColumnSums(dy64, cs64);
        close(cs64, cs32, 1e-4);
    }

    @Test
    void crossEntropyAndCausalSoftmaxMatchTheScalarPath() {
        Mat l32 = random(Precision.FLOAT32, ROWS, COLS, 5);
        Mat l64 = copy(l32, Precision.FLOAT64);
        int[] targets = new int[ROWS];
        Random rng = new Random(6);
        for (int i = 0; i < ROWS; i++) {
            targets[i] = i % 7 == 0 ? -1 : rng.nextInt(COLS);
        }
        double loss32 = Softmax.crossEntropy(l32, targets, 0.01);
        double loss64 = Softmax.crossEntropy(l64, targets, 0.01);
        assertEquals(loss64, loss32, 1e-6 * loss64);
        close(l64, l32, 1e-5);

        int length = 111; // 3 "heads" of 111 rows, 111 columns, causal chunks of 64 rows
        Mat s32 = random(Precision.FLOAT32, 3 * length, length, 7);
        Mat s64 = copy(s32, Precision.FLOAT64);
        Softmax.causal(s32, length, 0.3, 64);
        Softmax.causal(s64, length, 0.3, 64);
        close(s64, s32, 1e-5);
        Mat d32 = random(Precision.FLOAT32, 3 * length, length, 8);
        Mat d64 = copy(d32, Precision.FLOAT64);
        Softmax.causalBackward(s32, d32, length, 0.3, 64);
        Softmax.causalBackward(s64, d64, length, 0.3, 64);
        close(d64, d32, 1e-5);
        assertEquals(0.0, s32.get(length + 5, 6), 0.0, "masked entries are zero");
    }

    @Test
    void adamAndNormMatchTheScalarPathAndRepeatBitForBit() {
        int n = 100_003;
        Mat w32 = random(Precision.FLOAT32, 1, n, 9);
        Mat g32 = random(Precision.FLOAT32, 1, n, 10);
        Mat w64 = copy(w32, Precision.FLOAT64);
        Mat g64 = copy(g32, Precision.FLOAT64);
        assertEquals(Elementwise.norm2(g64), Elementwise.norm2(g32), 1e-5 * Elementwise.norm2(g64));
        Mat m32 = Mat.zeros(Precision.FLOAT32, 1, n);
        Mat v32 = Mat.zeros(Precision.FLOAT32, 1, n);
        Mat m64 = Mat.zeros(Precision.FLOAT64, 1, n);
        Mat v64 = Mat.zeros(Precision.FLOAT64, 1, n);
        for (int step = 1; step <= 3; step++) {
            AdamKernel.update(w32, g32, m32, v32, 1e-3, 0.9, 0.98, 1e-9, 0.01, step, 0.5);
            AdamKernel.update(w64, g64, m64, v64, 1e-3, 0.9, 0.98, 1e-9, 0.01, step, 0.5);
        }
        close(w64, w32, 1e-5);

        Mat a = random(Precision.FLOAT32, ROWS, COLS, 11);
        Mat b = copy(a, Precision.FLOAT32);
        Mat ga = Mat.zeros(Precision.FLOAT32, 1, COLS);
        Mat gb = Mat.zeros(Precision.FLOAT32, 1, COLS);
        Activations.accumulateColumnSums(a, ga);
        Activations.accumulateColumnSums(b, gb);
        assertArrayEquals(ga.toArray(), gb.toArray(), 0.0, "reductions are deterministic");
    }
}

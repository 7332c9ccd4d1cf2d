package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both GEMM paths against a triple loop, for every transpose combination, on windows with non-zero
 * offsets and {@code ld > cols} (the per-head blocks of the engine), in float32 and float64.
 */
class BlasTest {
    private static final int M = 7;
    private static final int N = 5;
    private static final int K = 6;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String path : new String[] {"cpu", "portable"}) {
            for (Precision p : Precision.values()) {
                for (boolean ta : new boolean[] {false, true}) {
                    for (boolean tb : new boolean[] {false, true}) {
                        out.add(Arguments.of(path, p, ta, tb));
                    }
                }
            }
        }
        return out.stream();
    }

    private static Blas blas(String path) {
        return path.equals("cpu") ? Blas.cpu() : Blas.portable();
    }

    @ParameterizedTest(name = "{0} {1} transA={2} transB={3}")
    @MethodSource("cases")
    void gemmMatchesTripleLoopOnStridedWindows(String path, Precision p, boolean ta, boolean tb) {
        Random rng = new Random(31 + (ta ? 1 : 0) + (tb ? 2 : 0) + p.ordinal() * 4);
        // stored shapes: op(A) (M, K), op(B) (K, N)
        Mat a = ta ? Windows.random(p, K, M, 5, 3, rng) : Windows.random(p, M, K, 5, 3, rng);
        Mat b = tb ? Windows.random(p, N, K, 2, 4, rng) : Windows.random(p, K, N, 2, 4, rng);
        Mat c = Windows.random(p, M, N, 7, 2, rng);
        double alpha = 0.7;
        double beta = -0.4;
        double[] aAll = Windows.snapshot(a);
        double[] bAll = Windows.snapshot(b);
        double[] cAll = Windows.snapshot(c);
        double[][] c0 = Windows.toRows(c);

        blas(path).gemm(a, ta, b, tb, c, alpha, beta);

        double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-5;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < K; k++) {
                    double aik = ta ? a.get(k, i) : a.get(i, k);
                    double bkj = tb ? b.get(j, k) : b.get(k, j);
                    s += aik * bkj;
                }
                double want = alpha * s + beta * c0[i][j];
                assertEquals(want, c.get(i, j), tol, "C[" + i + "," + j + "]");
            }
        }
        Windows.assertUnchanged(aAll, a);
        Windows.assertUnchanged(bAll, b);
        Windows.assertOutsideUnchanged(cAll, c);
    }

    @ParameterizedTest(name = "{0} {1} transA={2} transB={3}")
    @MethodSource("cases")
    void betaZeroOverwritesAndColumnBlocksOfOneBufferWork(String path, Precision p, boolean ta, boolean tb) {
        // A, B and C as column blocks of one shared buffer, like Q, K, V inside qkv (N, 3D)
        Random rng = new Random(47);
        int width = 3 * Math.max(M, Math.max(N, K)) + 2;
        Mat shared = Windows.random(p, 12, width, 1, 1, rng);
        int rowsA = ta ? K : M;
        int colsA = ta ? M : K;
        int rowsB = tb ? N : K;
        int colsB = tb ? K : N;
        Mat a = shared.rows(0, rowsA).cols(0, colsA);
        Mat b = shared.rows(1, rowsB).cols(colsA + 1, colsB);
        Mat c = shared.rows(2, M).cols(colsA + colsB + 2, N);
        double[][] a0 = Windows.toRows(a);
        double[][] b0 = Windows.toRows(b);
        double[] all = Windows.snapshot(c);

        blas(path).gemm(a, ta, b, tb, c, 1.0, 0.0);

        double tol = p == Precision.FLOAT64 ? 1e-12 : 1e-5;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < K; k++) {
                    s += (ta ? a0[k][i] : a0[i][k]) * (tb ? b0[j][k] : b0[k][j]);
                }
                assertEquals(s, c.get(i, j), tol, "C[" + i + "," + j + "]");
            }
        }
        Windows.assertOutsideUnchanged(all, c);
    }

    @ParameterizedTest(name = "{0} {1} transA={2} transB={3}")
    @MethodSource("cases")
    void rejectsMismatchedShapes(String path, Precision p, boolean ta, boolean tb) {
        Mat a = Mat.zeros(p, ta ? K : M, ta ? M : K);
        Mat b = Mat.zeros(p, tb ? N : K + 1, tb ? K + 1 : N);
        Mat c = Mat.zeros(p, M, N);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> blas(path).gemm(a, ta, b, tb, c, 1, 0));
        assertTrue(e.getMessage().startsWith("gemm shapes"), e.getMessage());
    }
}

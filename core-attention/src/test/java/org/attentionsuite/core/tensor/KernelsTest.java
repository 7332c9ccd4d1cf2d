package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionsuite.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Each fused kernel against a plain double-loop computation written here, on non-contiguous windows
 * (offset, {@code ld > cols}); every backward kernel also against central finite differences in
 * float64 ({@link GradCheck}).
 */
class KernelsTest {
    private static final double EPS = 1e-5;
    private static final double TIGHT = 1e-12;

    // ---------------------------------------------------------------- layer norm

    /** Plain layer norm of one row: {@code (x − μ)/sqrt(σ² + eps)·γ + β}, biased variance. */
    private static double[] naiveLayerNorm(double[] x, double[] g, double[] b, double eps) {
        int c = x.length;
        double mu = 0;
        for (double v : x) {
            mu += v;
        }
        mu /= c;
        double var = 0;
        for (double v : x) {
            var += (v - mu) * (v - mu);
        }
        var /= c;
        double[] y = new double[c];
        for (int j = 0; j < c; j++) {
            y[j] = (x[j] - mu) / Math.sqrt(var + eps) * g[j] + b[j];
        }
        return y;
    }

    @Test
    void layerNormForwardMatchesNaive() {
        Random rng = new Random(1);
        Mat x = Windows.random(4, 6, rng);          // (N, C)
        Mat gamma = Windows.random(1, 6, rng);      // (1, C)
        Mat beta = Windows.random(1, 6, rng);       // (1, C)
        Mat y = Windows.random(4, 6, rng);          // (N, C)
        double[] xBefore = Windows.snapshot(x);
        double[] yBefore = Windows.snapshot(y);
        double[] mean = new double[4];
        double[] rstd = new double[4];

        LayerNormKernel.forward(x, gamma, beta, y, mean, rstd, EPS);

        double[][] xs = Windows.toRows(x);
        double[] g = Windows.toRows(gamma)[0];
        double[] b = Windows.toRows(beta)[0];
        for (int r = 0; r < 4; r++) {
            double[] want = naiveLayerNorm(xs[r], g, b, EPS);
            for (int j = 0; j < 6; j++) {
                assertEquals(want[j], y.get(r, j), TIGHT, "y[" + r + "," + j + "]");
            }
            double mu = 0;
            for (double v : xs[r]) {
                mu += v / 6;
            }
            double var = 0;
            for (double v : xs[r]) {
                var += (v - mu) * (v - mu) / 6;
            }
            assertEquals(mu, mean[r], TIGHT);
            assertEquals(1 / Math.sqrt(var + EPS), rstd[r], TIGHT);
        }
        Windows.assertUnchanged(xBefore, x);
        Windows.assertOutsideUnchanged(yBefore, y);
    }

    @Test
    void layerNormBackwardMatchesExplicitJacobianAndAccumulates() {
        Random rng = new Random(2);
        int n = 3;
        int c = 5;
        Mat x = Windows.random(n, c, rng);
        Mat gamma = Windows.random(1, c, rng);
        Mat beta = Windows.random(1, c, rng);
        Mat y = Windows.random(n, c, rng);
        Mat dy = Windows.random(n, c, rng);
        Mat dx = Windows.random(n, c, rng);         // holds a previous gradient: backward must add
        Mat dGamma = Windows.random(1, c, rng);
        Mat dBeta = Windows.random(1, c, rng);
        double[][] dx0 = Windows.toRows(dx);
        double[] dg0 = Windows.toRows(dGamma)[0];
        double[] db0 = Windows.toRows(dBeta)[0];
        double[] dxBefore = Windows.snapshot(dx);
        double[] mean = new double[n];
        double[] rstd = new double[n];
        LayerNormKernel.forward(x, gamma, beta, y, mean, rstd, EPS);

        LayerNormKernel.backward(dy, x, gamma, mean, rstd, dx, dGamma, dBeta);

        // dx_j = Σ_k dy_k γ_k ∂x̂_k/∂x_j with ∂x̂_k/∂x_j = rstd·(δ_kj − 1/C − x̂_k·x̂_j/C)
        double[] g = Windows.toRows(gamma)[0];
        double[] wantDg = dg0.clone();
        double[] wantDb = db0.clone();
        for (int r = 0; r < n; r++) {
            double mu = 0;
            for (int j = 0; j < c; j++) {
                mu += x.get(r, j) / c;
            }
            double var = 0;
            for (int j = 0; j < c; j++) {
                var += (x.get(r, j) - mu) * (x.get(r, j) - mu) / c;
            }
            double rs = 1 / Math.sqrt(var + EPS);
            double[] xh = new double[c];
            for (int j = 0; j < c; j++) {
                xh[j] = (x.get(r, j) - mu) * rs;
            }
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    double jac = rs * ((k == j ? 1 : 0) - 1.0 / c - xh[k] * xh[j] / c);
                    s += dy.get(r, k) * g[k] * jac;
                }
                assertEquals(dx0[r][j] + s, dx.get(r, j), TIGHT, "dx[" + r + "," + j + "]");
                wantDg[j] += dy.get(r, j) * xh[j];
                wantDb[j] += dy.get(r, j);
            }
        }
        for (int j = 0; j < c; j++) {
            assertEquals(wantDg[j], dGamma.get(0, j), TIGHT, "dGamma[" + j + "]");
            assertEquals(wantDb[j], dBeta.get(0, j), TIGHT, "dBeta[" + j + "]");
        }
        Windows.assertOutsideUnchanged(dxBefore, dx);
    }

    @Test
    void layerNormBackwardMatchesFiniteDifferences() {
        Random rng = new Random(3);
        int n = 4;
        int c = 7;
        Mat x = Windows.random(n, c, rng);
        Mat gamma = Windows.random(1, c, rng);
        Mat beta = Windows.random(1, c, rng);
        Mat w = Windows.random(n, c, rng);          // loss = Σ LN(x) ⊙ W
        Mat y = Mat.zeros(Precision.FLOAT64, n, c);
        double[] mean = new double[n];
        double[] rstd = new double[n];
        LayerNormKernel.forward(x, gamma, beta, y, mean, rstd, EPS);
        Mat dx = Mat.zeros(Precision.FLOAT64, n, c);
        Mat dGamma = Mat.zeros(Precision.FLOAT64, 1, c);
        Mat dBeta = Mat.zeros(Precision.FLOAT64, 1, c);
        LayerNormKernel.backward(w, x, gamma, mean, rstd, dx, dGamma, dBeta);

        java.util.function.DoubleSupplier loss = () -> {
            Mat out = Mat.zeros(Precision.FLOAT64, n, c);
            LayerNormKernel.forward(x, gamma, beta, out, new double[n], new double[n], EPS);
            return GradCheck.dot(out, w);
        };
        GradCheck.check("x", x, dx, loss, n * c, 1);
        GradCheck.check("gamma", gamma, dGamma, loss, c, 2);
        GradCheck.check("beta", beta, dBeta, loss, c, 3);
    }

    // ---------------------------------------------------------------- softmax

    @Test
    void softmaxRowOverRangeMatchesNaiveAndZeroesTheRest() {
        Random rng = new Random(4);
        int n = 7;
        double scale = 0.7;
        int[][] ranges = {{2, 5}, {0, 7}, {0, 1}, {6, 7}, {3, 3}, {5, 2}};
        for (int[] range : ranges) {
            int lo = range[0];
            int hi = range[1];
            Mat s = Windows.random(3, n, rng);
            double[][] before = Windows.toRows(s);
            double[] all = Windows.snapshot(s);

            Softmax.row(s, 1, scale, lo, hi);

            double z = 0;
            for (int j = lo; j < hi; j++) {
                z += Math.exp(scale * before[1][j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double want = j >= lo && j < hi ? Math.exp(scale * before[1][j]) / z : 0.0;
                assertEquals(want, s.get(1, j), TIGHT, "range [" + lo + "," + hi + ") column " + j);
                sum += s.get(1, j);
            }
            assertEquals(lo < hi ? 1.0 : 0.0, sum, TIGHT, "row sum for [" + lo + "," + hi + ")");
            for (int j = 0; j < n; j++) {
                assertEquals(before[0][j], s.get(0, j), 0.0, "row 0 touched");
                assertEquals(before[2][j], s.get(2, j), 0.0, "row 2 touched");
            }
            Windows.assertOutsideUnchanged(all, s);
        }
    }

    @Test
    void softmaxRowIsShiftInvariantAndStableForHugeLogits() {
        Random rng = new Random(5);
        Mat a = Windows.random(1, 6, rng);
        Mat b = Windows.random(1, 6, rng);
        for (int j = 0; j < 6; j++) {
            b.set(0, j, a.get(0, j) + 5000.0); // exp(0.5 * 5000) overflows without the max shift
        }
        Softmax.row(a, 0, 0.5, 1, 6);
        Softmax.row(b, 0, 0.5, 1, 6);
        for (int j = 0; j < 6; j++) {
            assertFalse(Double.isNaN(b.get(0, j)));
            assertEquals(a.get(0, j), b.get(0, j), 1e-9);
        }
    }

    @Test
    void softmaxBackwardRowMatchesExplicitJacobian() {
        Random rng = new Random(6);
        int n = 8;
        double scale = 0.45;
        int lo = 1;
        int hi = 6;
        Mat p = Windows.random(2, n, rng);
        Softmax.row(p, 1, scale, lo, hi);
        Mat dp = Windows.random(2, n, rng);
        double[][] dp0 = Windows.toRows(dp);
        double[] pAll = Windows.snapshot(p);
        double[] dpAll = Windows.snapshot(dp);

        Softmax.backwardRow(p, dp, 1, scale, lo, hi);

        // ∂p_k/∂s_j = scale·p_k·(δ_kj − p_j) inside the range, 0 outside
        for (int j = 0; j < n; j++) {
            double want = 0;
            if (j >= lo && j < hi) {
                for (int k = lo; k < hi; k++) {
                    want += dp0[1][k] * scale * p.get(1, k) * ((k == j ? 1 : 0) - p.get(1, j));
                }
            }
            assertEquals(want, dp.get(1, j), TIGHT, "dS[" + j + "]");
            assertEquals(dp0[0][j], dp.get(0, j), 0.0, "other row touched");
        }
        Windows.assertUnchanged(pAll, p);
        Windows.assertOutsideUnchanged(dpAll, dp);
    }

    @Test
    void softmaxBackwardRowMatchesFiniteDifferences() {
        Random rng = new Random(7);
        int n = 9;
        double scale = 0.8;
        int lo = 2;
        int hi = 7;
        Mat s = Windows.random(1, n, rng);
        Mat w = Windows.random(1, n, rng);          // loss = Σ softmax(s) ⊙ W
        Mat p = Windows.copy(s);
        Softmax.row(p, 0, scale, lo, hi);
        Mat ds = Windows.copy(w);
        Softmax.backwardRow(p, ds, 0, scale, lo, hi);
        GradCheck.check("s", s, ds, () -> {
            Mat q = Windows.copy(s);
            Softmax.row(q, 0, scale, lo, hi);
            return GradCheck.dot(q, w);
        }, n, 1);
    }

    @Test
    void fullyMaskedRowHasZeroGradient() {
        Random rng = new Random(8);
        Mat p = Windows.random(1, 5, rng);
        Softmax.row(p, 0, 1.0, 4, 4);
        Mat dp = Windows.random(1, 5, rng);
        Softmax.backwardRow(p, dp, 0, 1.0, 4, 4);
        for (int j = 0; j < 5; j++) {
            assertEquals(0.0, p.get(0, j), 0.0);
            assertEquals(0.0, dp.get(0, j), 0.0);
        }
    }

    // ---------------------------------------------------------------- cross-entropy

    @Test
    void softmaxCrossEntropyLossAndGradientMatchNaive() {
        Random rng = new Random(9);
        int v = 5;
        int[] targets = {2, -1, 0, 4, -3};
        Mat logits = Windows.random(5, v, rng);
        for (int j = 0; j < v; j++) {
            logits.set(3, j, logits.get(3, j) * 300); // large logits: needs the max shift
        }
        double[][] l0 = Windows.toRows(logits);
        double[] all = Windows.snapshot(logits);
        double gradScale = 0.25;

        double total = Softmax.crossEntropy(logits, targets, gradScale);

        double want = 0;
        for (int r = 0; r < 5; r++) {
            int t = targets[r];
            if (t < 0) {
                for (int j = 0; j < v; j++) {
                    assertEquals(0.0, logits.get(r, j), 0.0, "ignored row " + r + " must get a zero gradient");
                }
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, l0[r][j]);
            }
            double z = 0;
            for (int j = 0; j < v; j++) {
                z += Math.exp(l0[r][j] - max);
            }
            want += Math.log(z) + max - l0[r][t];
            for (int j = 0; j < v; j++) {
                double soft = Math.exp(l0[r][j] - max) / z;
                assertEquals(gradScale * (soft - (j == t ? 1 : 0)), logits.get(r, j), TIGHT, "grad[" + r + "," + j + "]");
            }
        }
        assertEquals(want, total, 1e-10);
        Windows.assertOutsideUnchanged(all, logits);
    }

    @Test
    void softmaxCrossEntropyWithZeroGradScaleOnlyReads() {
        Random rng = new Random(10);
        Mat logits = Windows.random(3, 4, rng);
        double[] all = Windows.snapshot(logits);
        double loss = Softmax.crossEntropy(logits, new int[] {1, -1, 3}, 0);
        Windows.assertUnchanged(all, logits);
        Mat again = Windows.copy(logits);
        assertEquals(loss, Softmax.crossEntropy(again, new int[] {1, -1, 3}, 1.0), TIGHT);
        assertTrue(loss > 0);
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        Random rng = new Random(11);
        int[] targets = {3, -1, 0, 5};
        Mat logits = Windows.random(4, 6, rng);
        Mat grad = Windows.copy(logits);
        Softmax.crossEntropy(grad, targets, 1.0);
        GradCheck.check("logits", logits, grad,
                () -> Softmax.crossEntropy(logits, targets, 0), 24, 1);
    }

    @Test
    void softmaxCrossEntropyRejectsTargetOutsideVocabulary() {
        Mat logits = Mat.zeros(Precision.FLOAT64, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Softmax.crossEntropy(logits, new int[] {1, 4}, 1.0));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }

    // ---------------------------------------------------------------- activations

    /** Random {@code x} with {@code |x + bias|} at least 0.05 everywhere, away from ReLU's kink. */
    private static Mat awayFromKink(Mat x, Mat bias) {
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(r, j) + bias.get(0, j);
                if (Math.abs(v) < 0.05) {
                    x.set(r, j, x.get(r, j) + (v >= 0 ? 0.1 : -0.1));
                }
            }
        }
        return x;
    }

    @Test
    void biasReluAndBackwardMatchNaive() {
        Random rng = new Random(12);
        Mat bias = Windows.random(1, 6, rng);
        Mat x = awayFromKink(Windows.random(3, 6, rng), bias);
        double[][] x0 = Windows.toRows(x);
        double[] all = Windows.snapshot(x);
        Activations.biasRelu(x, bias);
        Mat dy = Windows.random(3, 6, rng);
        double[][] dy0 = Windows.toRows(dy);
        Activations.reluBackward(dy, x);
        int positives = 0;
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 6; j++) {
                double v = x0[r][j] + bias.get(0, j);
                assertEquals(Math.max(0, v), x.get(r, j), 0.0);
                assertEquals(v > 0 ? dy0[r][j] : 0.0, dy.get(r, j), 0.0);
                positives += v > 0 ? 1 : 0;
            }
        }
        assertTrue(positives > 0 && positives < 18, "test data must hit both sides of the kink");
        Windows.assertOutsideUnchanged(all, x);
    }

    @Test
    void reluBackwardMatchesFiniteDifferences() {
        Random rng = new Random(13);
        Mat bias = Windows.random(1, 5, rng);
        Mat x = awayFromKink(Windows.random(4, 5, rng), bias);
        Mat w = Windows.random(4, 5, rng);          // loss = Σ relu(x + b) ⊙ W
        Mat y = Windows.copy(x);
        Activations.biasRelu(y, bias);
        Mat dx = Windows.copy(w);
        Activations.reluBackward(dx, y);
        GradCheck.check("x", x, dx, () -> {
            Mat out = Windows.copy(x);
            Activations.biasRelu(out, bias);
            return GradCheck.dot(out, w);
        }, 20, 1);
    }

    @Test
    void biasGeluAndBackwardMatchNaive() {
        Random rng = new Random(14);
        Mat x = Windows.random(3, 6, rng);
        Mat bias = Windows.random(1, 6, rng);
        Mat pre = Windows.random(3, 6, rng);
        Mat y = Windows.random(3, 6, rng);
        double[] yAll = Windows.snapshot(y);
        Activations.biasGelu(x, bias, pre, y);
        Mat dy = Windows.random(3, 6, rng);
        double[][] dy0 = Windows.toRows(dy);
        Activations.geluBackward(dy, pre);
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 6; j++) {
                double v = x.get(r, j) + bias.get(0, j);
                // 0.5·(1 + tanh u) = σ(2u): an independent way to write the tanh-form GELU
                double u = Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v);
                double sig = 1 / (1 + Math.exp(-2 * u));
                double du = Math.sqrt(2 / Math.PI) * (1 + 3 * 0.044715 * v * v);
                double deriv = sig + v * 2 * sig * (1 - sig) * du;
                assertEquals(v, pre.get(r, j), TIGHT);
                assertEquals(v * sig, y.get(r, j), TIGHT);
                assertEquals(dy0[r][j] * deriv, dy.get(r, j), TIGHT);
            }
        }
        Windows.assertOutsideUnchanged(yAll, y);
    }

    @Test
    void biasGeluInPlaceOnPreActivation() {
        Random rng = new Random(15);
        Mat x = Windows.random(2, 5, rng);
        Mat bias = Windows.random(1, 5, rng);
        Mat separatePre = Mat.zeros(Precision.FLOAT64, 2, 5);
        Mat separateY = Mat.zeros(Precision.FLOAT64, 2, 5);
        Activations.biasGelu(x, bias, separatePre, separateY);
        Mat y = Mat.zeros(Precision.FLOAT64, 2, 5);
        Activations.biasGelu(x, bias, x, y);            // pre aliases x, as FeedForward does
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(separatePre.get(r, j), x.get(r, j), 0.0);
                assertEquals(separateY.get(r, j), y.get(r, j), 0.0);
            }
        }
    }

    @Test
    void geluBackwardMatchesFiniteDifferences() {
        Random rng = new Random(16);
        Mat x = Windows.random(4, 5, rng);
        Mat bias = Windows.random(1, 5, rng);
        Mat w = Windows.random(4, 5, rng);          // loss = Σ gelu(x + b) ⊙ W
        Mat pre = Mat.zeros(Precision.FLOAT64, 4, 5);
        Mat y = Mat.zeros(Precision.FLOAT64, 4, 5);
        Activations.biasGelu(x, bias, pre, y);
        Mat dx = Windows.copy(w);
        Activations.geluBackward(dx, pre);
        GradCheck.check("x", x, dx, () -> {
            Mat p = Mat.zeros(Precision.FLOAT64, 4, 5);
            Mat out = Mat.zeros(Precision.FLOAT64, 4, 5);
            Activations.biasGelu(x, bias, p, out);
            return GradCheck.dot(out, w);
        }, 20, 1);
    }

    // ---------------------------------------------------------------- bias helpers

    @Test
    void addRowVectorAndColumnSumsMatchNaive() {
        Random rng = new Random(17);
        Mat x = Windows.random(3, 4, rng);
        Mat bias = Windows.random(1, 4, rng);
        Mat sums = Windows.random(1, 4, rng);
        double[][] x0 = Windows.toRows(x);
        double[] s0 = Windows.toRows(sums)[0];
        double[] all = Windows.snapshot(x);
        Activations.accumulateColumnSums(x, sums);
        Activations.addRowVector(x, bias);
        for (int j = 0; j < 4; j++) {
            double col = 0;
            for (int r = 0; r < 3; r++) {
                col += x0[r][j];
                assertEquals(x0[r][j] + bias.get(0, j), x.get(r, j), TIGHT);
            }
            assertEquals(s0[j] + col, sums.get(0, j), TIGHT);
        }
        Windows.assertOutsideUnchanged(all, x);
    }

    // ---------------------------------------------------------------- adam

    @Test
    void adamStepsMatchNaiveAdamW() {
        Random rng = new Random(18);
        int n = 10;
        double lr = 0.01;
        double beta1 = 0.9;
        double beta2 = 0.98;
        double eps = 1e-8;
        double wd = 0.05;
        double gradScale = 0.5;
        // contiguous windows at non-zero offsets of larger buffers (adam treats them as flat)
        Mat w = Windows.random(Precision.FLOAT64, 1, n, 4, 0, rng);
        Mat g = Windows.random(Precision.FLOAT64, 1, n, 2, 0, rng);
        Mat m = Windows.random(Precision.FLOAT64, 1, n, 5, 0, rng);
        Mat v = Windows.random(Precision.FLOAT64, 1, n, 1, 0, rng);
        m.zero();
        v.zero();
        double[] wAll = Windows.snapshot(w);
        double[] ww = w.toArray();
        double[] mm = new double[n];
        double[] vv = new double[n];
        for (long step = 1; step <= 3; step++) {
            GradCheck.randomize(g, rng, 1.0);
            double[] gg = g.toArray();
            AdamKernel.update(w, g, m, v, lr, beta1, beta2, eps, wd, step, gradScale);
            for (int i = 0; i < n; i++) {
                double gi = gg[i] * gradScale;
                mm[i] = beta1 * mm[i] + (1 - beta1) * gi;
                vv[i] = beta2 * vv[i] + (1 - beta2) * gi * gi;
                double mHat = mm[i] / (1 - Math.pow(beta1, step));
                double vHat = vv[i] / (1 - Math.pow(beta2, step));
                ww[i] = ww[i] - lr * (mHat / (Math.sqrt(vHat) + eps) + wd * ww[i]);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(mm[i], m.get(0, i), TIGHT, "m[" + i + "] step " + step);
                assertEquals(vv[i], v.get(0, i), TIGHT, "v[" + i + "] step " + step);
                assertEquals(ww[i], w.get(0, i), TIGHT, "w[" + i + "] step " + step);
            }
        }
        Windows.assertOutsideUnchanged(wAll, w);
    }
}

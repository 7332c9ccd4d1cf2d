package org.attentionsuite.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.attentionsuite.core.tensor.Mat;

/**
 * Central finite differences in float64: for a scalar {@code loss()} and a window {@code x} whose
 * analytic gradient is {@code grad}, checks {@code |g_num − g_ana| / max(|g_num| + |g_ana|, floor)}
 * on sampled elements.
 */
public final class GradCheck {
    /** Relative-error bound required by the project for float64 checks. */
    public static final double TOLERANCE = 1e-6;
    private static final double EPS = 1e-5;

    private GradCheck() {
    }

    /**
     * Checks up to {@code samples} elements of {@code x} (all when fewer); {@code loss} must recompute
     * the scalar from scratch without touching {@code grad}.
     *
     * @return the largest relative error seen
     */
    public static double check(String what, Mat x, Mat grad, DoubleSupplier loss, int samples, long seed) {
        int n = x.rows() * x.cols();
        Random rng = new Random(seed);
        double worst = 0;
        int count = Math.min(samples, n);
        for (int s = 0; s < count; s++) {
            int e = count == n ? s : rng.nextInt(n);
            int r = e / x.cols();
            int c = e % x.cols();
            double orig = x.get(r, c);
            x.set(r, c, orig + EPS);
            double up = loss.getAsDouble();
            x.set(r, c, orig - EPS);
            double down = loss.getAsDouble();
            x.set(r, c, orig);
            double numeric = (up - down) / (2 * EPS);
            double analytic = grad.get(r, c);
            double denom = Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-7);
            double rel = Math.abs(numeric - analytic) / denom;
            worst = Math.max(worst, rel);
            if (rel > TOLERANCE) {
                throw new AssertionError(String.format("%s[%d,%d]: numeric %.10g vs analytic %.10g (rel %.3g)", what,
                        r, c, numeric, analytic, rel));
            }
        }
        assertTrue(worst <= TOLERANCE);
        return worst;
    }

    /** Fills a window with values from {@code N(0, std²)}. */
    public static void randomize(Mat m, Random rng, double std) {
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                m.set(r, c, rng.nextGaussian() * std);
            }
        }
    }

    /** {@code Σ x ⊙ w}: a loss whose gradient w.r.t. {@code x} is {@code w}. */
    public static double dot(Mat x, Mat w) {
        double s = 0;
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                s += x.get(r, c) * w.get(r, c);
            }
        }
        return s;
    }
}

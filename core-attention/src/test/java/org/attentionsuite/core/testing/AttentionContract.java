package org.attentionsuite.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Checks every attention variant must pass (the interface's contract), used by the variant tests
 * of all modules: gradient in float64, causality, cached decoding equals full recomputation, and
 * inputs are left unmodified.
 */
public final class AttentionContract {
    private AttentionContract() {
    }

    /** Random {@code qkv (B·L, 3D)} in float64. */
    public static Mat randomQkv(int batch, int length, int dModel, long seed) {
        Mat qkv = Mat.zeros(Precision.FLOAT64, batch * length, 3 * dModel);
        GradCheck.randomize(qkv, new Random(seed), 1.0);
        return qkv;
    }

    /** Runs forward and returns the output as a plain array. */
    public static double[] forward(Attention a, Mat qkv, int batch, int length, int dModel) {
        Mat out = Mat.zeros(qkv.precision(), batch * length, dModel);
        a.forward(qkv, out, batch, length);
        return out.toArray();
    }

    /**
     * Gradient check of {@code loss = Σ out ⊙ W} w.r.t. {@code qkv} and any extra parameter windows
     * (e.g. a relative table and its gradient), in float64.
     */
    public static void checkGradients(Attention a, int batch, int length, int dModel, long seed,
            Mat[] extraParams, Mat[] extraGrads) {
        Mat qkv = randomQkv(batch, length, dModel, seed);
        Mat out = Mat.zeros(Precision.FLOAT64, batch * length, dModel);
        Mat w = Mat.zeros(Precision.FLOAT64, batch * length, dModel);
        GradCheck.randomize(w, new Random(seed + 1), 1.0);
        Mat dqkv = Mat.zeros(Precision.FLOAT64, batch * length, 3 * dModel);
        for (Mat g : extraGrads) {
            g.zero();
        }
        a.forward(qkv, out, batch, length);
        a.backward(w, dqkv);
        java.util.function.DoubleSupplier loss = () -> {
            Mat o = Mat.zeros(Precision.FLOAT64, batch * length, dModel);
            a.forward(qkv, o, batch, length);
            return GradCheck.dot(o, w);
        };
        GradCheck.check("dqkv", qkv, dqkv, loss, 300, seed);
        for (int i = 0; i < extraParams.length; i++) {
            GradCheck.check("param" + i, extraParams[i], extraGrads[i], loss, 200, seed + i);
        }
    }

    /** Changing position {@code t}'s q, k and v never changes outputs before {@code t}. */
    public static void checkCausal(Attention a, int batch, int length, int dModel, long seed) {
        Mat qkv = randomQkv(batch, length, dModel, seed);
        double[] before = forward(a, qkv, batch, length, dModel);
        Random rng = new Random(seed + 7);
        for (int t : new int[] {length - 1, length / 2, 1}) {
            Mat changed = randomQkv(batch, length, dModel, seed);
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < 3 * dModel; c++) {
                    changed.set(b * length + t, c, rng.nextGaussian() * 3);
                }
            }
            double[] after = forward(a, changed, batch, length, dModel);
            boolean later = false;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < length; i++) {
                    for (int c = 0; c < dModel; c++) {
                        int idx = (b * length + i) * dModel + c;
                        if (i < t) {
                            assertEquals(before[idx], after[idx], 1e-12, "output " + i + " changed when position "
                                    + t + " changed");
                        } else if (Math.abs(before[idx] - after[idx]) > 1e-9) {
                            later = true;
                        }
                    }
                }
            }
            assertTrue(later, "changing position " + t + " changed nothing at all: the check is vacuous");
        }
    }

    /** Feeding the rows one by one through {@link Attention#step} reproduces {@link Attention#forward}. */
    public static void checkIncremental(Attention a, int batch, int length, int dModel, long seed) {
        Mat qkv = randomQkv(batch, length, dModel, seed);
        double[] full = forward(a, qkv, batch, length, dModel);
        AttentionCache cache = a.newCache(batch, length);
        Mat row = Mat.zeros(Precision.FLOAT64, batch, 3 * dModel);
        Mat out = Mat.zeros(Precision.FLOAT64, batch, dModel);
        double[] stepped = new double[full.length];
        for (int t = 0; t < length; t++) {
            for (int b = 0; b < batch; b++) {
                row.rows(b, 1).copyFrom(qkv.rows(b * length + t, 1));
            }
            a.step(row, out, cache);
            for (int b = 0; b < batch; b++) {
                for (int c = 0; c < dModel; c++) {
                    stepped[(b * length + t) * dModel + c] = out.get(b, c);
                }
            }
        }
        assertArrayEquals(full, stepped, 1e-10, "cached decoding differs from full recomputation");
    }

    /**
     * {@link Attention#weights} after a forward equal the reference's probabilities for every
     * sequence, head and query: the softmax of the naive scores over the variant's memory
     * ({@code mask}), 0 outside it, each row summing to 1.
     *
     * @param qkv   the input, e.g. {@link #randomQkv}
     * @param extra the variant's additive logits on {@code qkv} (relative positions), or null
     */
    public static void checkWeights(Attention a, Mat qkv, int batch, int length, int dModel, int heads,
            NaiveAttention.Mask mask, NaiveAttention.Extra extra) {
        forward(a, qkv, batch, length, dModel);
        double[] x = qkv.toArray();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < length; i++) {
                double[][] w = a.weights(b, i);
                assertEquals(heads, w.length, "heads");
                for (int h = 0; h < heads; h++) {
                    assertEquals(i + 1, w[h].length, "keys of query " + i);
                    double[] want = java.util.Arrays.copyOf(
                            NaiveAttention.probabilities(x, b, h, i, length, dModel, heads, mask, extra), i + 1);
                    assertArrayEquals(want, w[h], 1e-12, "sequence " + b + " head " + h + " query " + i);
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        sum += w[h][j];
                        if (!mask.allowed(i, j)) {
                            assertEquals(0.0, w[h][j], 0.0, "query " + i + " key " + j + " is outside the memory");
                        }
                    }
                    assertEquals(1.0, sum, 1e-12, "query " + i + " head " + h);
                }
            }
        }
    }

    /** Forward and backward leave their inputs untouched. */
    public static void checkInputsUnmodified(Attention a, int batch, int length, int dModel, long seed) {
        Mat qkv = randomQkv(batch, length, dModel, seed);
        double[] copy = qkv.toArray();
        Mat out = Mat.zeros(Precision.FLOAT64, batch * length, dModel);
        a.forward(qkv, out, batch, length);
        Mat dOut = Mat.zeros(Precision.FLOAT64, batch * length, dModel);
        GradCheck.randomize(dOut, new Random(seed), 1);
        double[] dCopy = dOut.toArray();
        a.backward(dOut, Mat.zeros(Precision.FLOAT64, batch * length, 3 * dModel));
        assertArrayEquals(copy, qkv.toArray(), 0.0, "forward/backward modified qkv");
        assertArrayEquals(dCopy, dOut.toArray(), 0.0, "backward modified dOut");
    }
}

package org.attentionsuite.core.testing;

/**
 * A plain-loop reference for masked multi-head attention, written for readability, not speed:
 * {@code out[b,i,h] = Σ_j softmax_j((q_i·k_j + extra(b,h,i,j)) / √Dh) v_j} over the allowed
 * {@code j}. Used by every variant's test in every module.
 */
public final class NaiveAttention {
    private NaiveAttention() {
    }

    /** Which key position {@code j} query position {@code i} may see. */
    @FunctionalInterface
    public interface Mask {
        boolean allowed(int i, int j);
    }

    /** An additive logit term before scaling (e.g. relative position logits). */
    @FunctionalInterface
    public interface Extra {
        double logit(int b, int h, int i, int j);
    }

    public static Mask causal() {
        return (i, j) -> j <= i;
    }

    /**
     * @param qkv   (B·L, 3D) as a plain row-major array
     * @return out  (B·L, D) row-major
     */
    public static double[] forward(double[] qkv, int batch, int length, int dModel, int heads, Mask mask,
            Extra extra) {
        int dh = dModel / heads;
        double[] out = new double[batch * length * dModel];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    double[] p = probabilities(qkv, b, h, i, length, dModel, heads, mask, extra);
                    for (int j = 0; j < length; j++) {
                        for (int c = 0; c < dh; c++) {
                            out[(b * length + i) * dModel + h * dh + c] += p[j] * v(qkv, b, j, h, c, length, dModel, dh);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The attention probabilities of query {@code i} of sequence {@code b}, head {@code h}: the
     * softmax of {@code (q_i·k_j + extra) / √Dh} over the allowed {@code j}, 0 elsewhere
     * ({@code length} entries).
     */
    public static double[] probabilities(double[] qkv, int b, int h, int i, int length, int dModel, int heads,
            Mask mask, Extra extra) {
        int dh = dModel / heads;
        double scale = 1.0 / Math.sqrt(dh);
        double[] logits = new double[length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            if (!mask.allowed(i, j)) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < dh; c++) {
                s += q(qkv, b, i, h, c, length, dModel, dh) * k(qkv, b, j, h, c, length, dModel, dh);
            }
            if (extra != null) {
                s += extra.logit(b, h, i, j);
            }
            logits[j] = s * scale;
            max = Math.max(max, logits[j]);
        }
        double z = 0;
        for (int j = 0; j < length; j++) {
            if (mask.allowed(i, j)) {
                z += Math.exp(logits[j] - max);
            }
        }
        double[] p = new double[length];
        for (int j = 0; j < length; j++) {
            p[j] = mask.allowed(i, j) ? Math.exp(logits[j] - max) / z : 0;
        }
        return p;
    }

    /** {@code Q[b, i]} of head {@code h}, component {@code c}. */
    public static double q(double[] qkv, int b, int i, int h, int c, int length, int d, int dh) {
        return qkv[(b * length + i) * 3 * d + h * dh + c];
    }

    /** {@code K[b, j]} of head {@code h}, component {@code c}. */
    public static double k(double[] qkv, int b, int j, int h, int c, int length, int d, int dh) {
        return qkv[(b * length + j) * 3 * d + d + h * dh + c];
    }

    /** {@code V[b, j]} of head {@code h}, component {@code c}. */
    public static double v(double[] qkv, int b, int j, int h, int c, int length, int d, int dh) {
        return qkv[(b * length + j) * 3 * d + 2 * d + h * dh + c];
    }
}

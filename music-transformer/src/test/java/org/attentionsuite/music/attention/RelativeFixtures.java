package org.attentionsuite.music.attention;

import java.util.Random;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.GradCheck;
import org.attentionsuite.core.testing.NaiveAttention;

/** Builders and plain-loop references shared by the relative attention tests. */
final class RelativeFixtures {
    static final long SEED = 11;

    private RelativeFixtures() {
    }

    /** Builds a variant in its own {@link Params}, allocated with {@code seed}. */
    static Attention build(AttentionSpec spec, int d, int h, int maxLength, Precision p, long seed) {
        Params params = new Params();
        Attention a = spec.create(new AttentionContext("block0.attn", d, h, maxLength, params, p));
        params.allocate(p, seed);
        return a;
    }

    static RelativeAttention global(int d, int h, int maxLength, int r, boolean shared) {
        return (RelativeAttention) build(new RelativeAttention.Spec(r, shared), d, h, maxLength, Precision.FLOAT64, SEED);
    }

    static RelativeAttention pairwise(int d, int h, int maxLength, int r, boolean shared) {
        return (RelativeAttention) build(new RelativeAttention.Spec(r, shared, RelativeAttention.Computation.PAIRWISE), d, h, maxLength,
                Precision.FLOAT64, SEED + 1);
    }

    static RelativeLocalAttention local(int d, int h, int maxLength, int block, int r, boolean shared) {
        return (RelativeLocalAttention) build(new RelativeLocalAttention.Spec(block, r, shared), d, h, maxLength,
                Precision.FLOAT64, SEED + 2);
    }

    /**
     * The pairwise relative logit written as plain loops from the table values:
     * {@code extra(b, h, i, j) = q_i · E_h[min(i − j, R − 1)]} (Shaw et al. 2018; Huang et al. 2018 §3.4).
     */
    static NaiveAttention.Extra relativeLogits(double[] qkv, Param table, int length, int d, int heads, int r,
            boolean shared) {
        int dh = d / heads;
        double[] e = table.value().toArray();
        return (b, h, i, j) -> {
            int row = (shared ? 0 : h * r) + Math.min(i - j, r - 1);
            double s = 0;
            for (int c = 0; c < dh; c++) {
                s += NaiveAttention.q(qkv, b, i, h, c, length, d, dh) * e[row * dh + c];
            }
            return s;
        };
    }

    /** Output, input gradient and table gradient of one forward + backward. */
    record Run(double[] out, double[] dqkv, double[] dTable) {
    }

    /** Forward, then backward of {@code loss = Σ out ⊙ dOut} (table gradient zeroed first). */
    static Run run(Attention a, Param table, Mat qkv, Mat dOut, int batch, int length, int d) {
        Mat out = Mat.zeros(Precision.FLOAT64, batch * length, d);
        Mat dqkv = Mat.zeros(Precision.FLOAT64, batch * length, 3 * d);
        table.grad().zero();
        a.forward(qkv, out, batch, length);
        a.backward(dOut, dqkv);
        return new Run(out.toArray(), dqkv.toArray(), table.grad().toArray());
    }

    static Mat randomDOut(int batch, int length, int d, long seed) {
        Mat m = Mat.zeros(Precision.FLOAT64, batch * length, d);
        GradCheck.randomize(m, new Random(seed), 1.0);
        return m;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}

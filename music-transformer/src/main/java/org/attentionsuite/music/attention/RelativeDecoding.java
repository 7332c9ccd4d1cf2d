package org.attentionsuite.music.attention;

import java.util.function.IntUnaryOperator;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Softmax;

/**
 * The incremental step shared by the relative variants. For the new position {@code t} and its
 * visible keys {@code j ∈ [lo, t]}: {@code logit_j = q·k_j + q·E[clip(t − j)]}. No skew is needed
 * for one query: the {@code m = min(t − lo + 1, R)} distinct relative logits {@code u_d = q·E[d]}
 * come from one {@code (1, Dh)·(m, Dh)ᵀ} product and are then read at {@code clip(t − j)}. Cost per
 * head {@code O((t − lo + 1)·Dh)}.
 */
final class RelativeDecoding {
    private RelativeDecoding() {
    }

    /**
     * @param windowStart first visible key position {@code lo} for the new position {@code t}
     */
    static void step(Mat qkv, Mat out, AttentionCache cache, QkvLayout layout, RelativeTable table, double scale,
            IntUnaryOperator windowStart) {
        if (!(cache instanceof RelativeCache rc)) {
            throw new IllegalArgumentException("relative attention needs the cache from its own newCache(), got "
                    + cache.getClass().getSimpleName());
        }
        int t = rc.append(qkv);
        int lo = windowStart.applyAsInt(t);
        int n = t - lo + 1;                                        // visible keys
        int m = Math.min(n, table.distances());                    // distinct table rows in use
        Mat scores = rc.scores(n);                                 // (1, n)
        Mat rel = rc.relative(m);                                  // (1, m)
        Blas blas = Blas.get();
        int dh = layout.headDim();
        for (int b = 0; b < rc.batch(); b++) {
            Mat q = qkv.rows(b, 1);                                // (1, 3D)
            Mat keys = rc.keys(b, t + 1).rows(lo, n);              // (n, D)
            Mat values = rc.values(b, t + 1).rows(lo, n);          // (n, D)
            for (int h = 0; h < layout.heads(); h++) {
                Mat qh = q.cols(h * dh, dh);                       // (1, Dh)
                blas.gemm(qh, false, keys.cols(h * dh, dh), true, scores, 1, 0);          // (1, n) q·k_j
                blas.gemm(qh, false, table.values(h).rows(0, m), true, rel, 1, 0);        // (1, m) q·E[d]
                for (int x = 0; x < n; x++) {
                    int distance = t - (lo + x);
                    scores.add(0, x, rel.get(0, table.row(distance)));
                }
                Softmax.row(scores, 0, scale, 0, n);
                blas.gemm(scores, false, values.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0);
            }
        }
    }
}

package org.attentionsuite.music.attention;

import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Kernels;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Storage;

/**
 * One block of {@code c} consecutive queries against its key window, with relative logits by the
 * memory-efficient skew of Huang et al. (2018, §3.4.1), forward and backward.
 *
 * <p>Geometry: the queries are positions {@code [q0, q0 + c)}, the keys {@code [m0, m0 + w)} with
 * {@code off = q0 − m0} and {@code w = off + c}; local query {@code a} sees local keys
 * {@code b ≤ a + off} (causal). Global attention uses {@code m0 = 0} (a causal row chunk), local
 * attention {@code m0 = q0 − blockLength} (previous + current block).
 *
 * <p>Relative logits: with {@code Er (w, Dh)} whose row {@code r} is {@code E[clip(w − 1 − r)]},
 * {@code Qe = Q·Erᵀ (c, w)} holds {@code q_a·E[w − 1 − r]} in column {@code r}, and
 * {@code S_rel[a][b] = q_a·E[a + off − b] = Qe[a][c − 1 − a + b]}. In a packed {@code (c, w)} buffer
 * that element sits at {@code (c − 1) + a·(w − 1) + b}: a strided read with offset {@code c − 1} and
 * row stride {@code w − 1} (ENGINE-NOTES), which for {@code c = w = L} is exactly tensor2tensor's
 * "pad one column left, reshape {@code (L, L+1) → (L+1, L)}, drop the first row", without the copy.
 * No {@code (c, w, Dh)} tensor is formed.
 *
 * @param q   {@code (c, Dh)} queries
 * @param k   {@code (w, Dh)} keys of the window
 * @param v   {@code (w, Dh)} values of the window
 * @param er  {@code (w, Dh)} gathered table, row {@code r} = {@code E[clip(w − 1 − r)]}
 * @param p   {@code (c, w)} logits, then the saved probabilities
 * @param off {@code q0 − m0}, the number of window keys before the first query
 */
record SkewedBlock(Mat q, Mat k, Mat v, Mat er, Mat p, int off) {
    SkewedBlock {
        int c = q.rows();
        int w = k.rows();
        if (w != off + c || v.rows() != w || er.rows() != w || p.rows() != c || p.cols() != w) {
            throw new IllegalArgumentException("block geometry: c=" + c + " w=" + w + " off=" + off);
        }
    }

    /** Element index of the skewed view {@code S_rel[a][b]} inside a packed {@code (c, w)} {@code Qe}. */
    static int skewIndex(int c, int w, int a, int b) {
        return (c - 1) + a * (w - 1) + b;
    }

    /** A packed {@code (rows, cols)} window at the start of {@code buffer}. */
    static Mat packed(Mat buffer, int rows, int cols) {
        return new Mat(buffer.s(), buffer.offset(), rows, cols, cols);
    }

    /**
     * {@code P = softmax(mask(Q·Kᵀ + S_rel)/√Dh)}, {@code out = P·V}.
     *
     * @param qeBuf scratch of at least {@code c·w} contiguous elements
     * @param out   {@code (c, Dh)} overwritten
     */
    void forward(Mat qeBuf, Mat out, double scale) {
        Blas blas = Blas.get();
        int c = q.rows();
        int w = k.rows();
        blas.gemm(q, false, k, true, p, 1, 0);                     // (c, w) Q Kᵀ
        Mat qe = packed(qeBuf, c, w);                               // (c, w) Q Erᵀ, column r ↔ distance w−1−r
        blas.gemm(q, false, er, true, qe, 1, 0);
        Storage ps = p.s();
        Storage qs = qe.s();
        for (int a = 0; a < c; a++) {
            int pRow = p.offset() + a * p.ld();
            int skewRow = qe.offset() + skewIndex(c, w, a, 0);      // S_rel[a][·], §3.4.1
            for (int b = 0; b <= a + off; b++) {
                ps.set(pRow + b, ps.get(pRow + b) + qs.get(skewRow + b));
            }
            Kernels.softmaxRow(p, a, scale, 0, a + off + 1);       // masks b > a + off
        }
        blas.gemm(p, false, v, false, out, 1, 0);                  // (c, Dh) P V
    }

    /**
     * Accumulates the gradients of this block: {@code dq}, {@code dk}, {@code dv} and {@code der}
     * all get {@code +=}.
     *
     * @param dOut   {@code (c, Dh)} upstream gradient
     * @param dp     {@code (c, w)} scratch for {@code dP}, then {@code dS}
     * @param dqeBuf scratch of at least {@code c·w} contiguous elements
     * @param dq     {@code (c, Dh)}
     * @param dk     {@code (w, Dh)}
     * @param dv     {@code (w, Dh)}
     * @param der    {@code (w, Dh)} gradient of the gathered table rows
     */
    void backward(Mat dOut, Mat dp, Mat dqeBuf, Mat dq, Mat dk, Mat dv, Mat der, double scale) {
        Blas blas = Blas.get();
        int c = q.rows();
        int w = k.rows();
        blas.gemm(p, true, dOut, false, dv, 1, 1);                 // (w, Dh) dV += Pᵀ dO
        blas.gemm(dOut, false, v, true, dp, 1, 0);                 // (c, w) dP = dO Vᵀ
        Mat dqe = packed(dqeBuf, c, w);                             // (c, w) dQe, zero off the skew band
        dqe.zero();
        Storage ds = dp.s();
        Storage qs = dqe.s();
        for (int a = 0; a < c; a++) {
            Kernels.softmaxBackwardRow(p, dp, a, scale, 0, a + off + 1); // dS = scale·P ⊙ (dP − Σ P dP)
            int dRow = dp.offset() + a * dp.ld();
            int skewRow = dqe.offset() + skewIndex(c, w, a, 0);     // dQe[a][c−1−a+b] = dS[a][b]
            for (int b = 0; b <= a + off; b++) {
                qs.set(skewRow + b, ds.get(dRow + b));
            }
        }
        blas.gemm(dp, false, k, false, dq, 1, 1);                  // (c, Dh) dQ += dS K
        blas.gemm(dp, true, q, false, dk, 1, 1);                   // (w, Dh) dK += dSᵀ Q
        blas.gemm(dqe, false, er, false, dq, 1, 1);                // (c, Dh) dQ += dQe Er
        blas.gemm(dqe, true, q, false, der, 1, 1);                 // (w, Dh) dEr += dQeᵀ Q
    }
}

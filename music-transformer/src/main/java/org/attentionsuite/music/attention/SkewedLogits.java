package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * The relative logits of one block of queries against its key window, by the memory-efficient skew
 * of Huang et al. (2018, §3.4.1), forward and backward; {@link BlockedAttention} runs the blocks, so
 * global and local relative attention differ only in their window geometry.
 *
 * <p>Geometry: the queries are positions {@code [q0, q0 + c)}, the keys {@code [m0, m0 + w)} with
 * {@code off = q0 − m0} and {@code w = off + c}; local query {@code a} sees local keys
 * {@code b ≤ a + off} (causal).
 *
 * <p>Relative logits: per head and pass the table is gathered once, clipped and reversed, into
 * {@code Er (W, Dh)} whose row {@code r} is {@code E[clip(W − 1 − r)]}; its last {@code w} rows serve
 * a window of {@code w} keys. {@code Qe = Q·Er_wᵀ (c, w)} holds {@code q_a·E[w − 1 − r]} in column
 * {@code r}, and {@code S_rel[a][b] = q_a·E[a + off − b] = Qe[a][c − 1 − a + b]}. In a packed
 * {@code (c, w)} buffer that element sits at {@code (c − 1) + a·(w − 1) + b}: a strided read with
 * offset {@code c − 1} and row stride {@code w − 1} (ENGINE-NOTES), which for {@code c = w = L} is
 * exactly tensor2tensor's "pad one column left, reshape {@code (L, L+1) → (L+1, L)}, drop the first
 * row", without the copy. No {@code (c, w, Dh)} tensor is formed.
 */
final class SkewedLogits implements BlockedAttention.Logits {
    private final RelativeTable table;
    private final Precision precision;
    private final int headDim;
    private Mat skewBuf;  // (1, block·W) packed Qe, then dQe, of one block
    private Mat er;       // (W, Dh) gathered table of one head, row r = E[clip(W−1−r)]
    private Mat dEr;      // (W, Dh) its gradient

    SkewedLogits(RelativeTable table, Precision precision, int headDim) {
        this.table = table;
        this.precision = precision;
        this.headDim = headDim;
    }

    /** Element index of the skewed view {@code S_rel[a][b]} inside a packed {@code (c, w)} {@code Qe}. */
    static int skewIndex(int c, int w, int a, int b) {
        return (c - 1) + a * (w - 1) + b;
    }

    @Override
    public void ensure(int block, int window) {
        if (er == null || er.rows() != window || skewBuf.cols() < block * window) {
            skewBuf = Mat.zeros(precision, 1, block * window);
            er = Mat.zeros(precision, window, headDim);
            dEr = Mat.zeros(precision, window, headDim);
        }
    }

    @Override
    public void beginHead(int h, boolean backward) {
        table.gatherReversed(h, er);                                // (W, Dh) row r = E[clip(W−1−r)]
        if (backward) {
            dEr.zero();                                             // (W, Dh)
        }
    }

    @Override
    public void endBackward(int h) {
        table.scatterReversed(h, dEr);                              // dE_h[clip(W−1−r)] += dEr[r]
    }

    /** {@code logits += S_rel}, read from {@code Qe = Q·Er_wᵀ} through the skew. */
    @Override
    public void add(Mat q, Mat logits, int offset) {
        int c = q.rows();
        int w = logits.cols();
        Mat qe = packed(c, w);                                      // (c, w) Q Erᵀ, column r ↔ distance w−1−r
        Blas.get().gemm(q, false, window(w), true, qe, 1, 0);
        Storage ps = logits.s();
        Storage qs = qe.s();
        for (int a = 0; a < c; a++) {
            int pRow = logits.offset() + a * logits.ld();
            int skewRow = qe.offset() + skewIndex(c, w, a, 0);      // S_rel[a][·], §3.4.1
            for (int b = 0; b <= a + offset; b++) {
                ps.set(pRow + b, ps.get(pRow + b) + qs.get(skewRow + b));
            }
        }
    }

    /** {@code dQe[a][c−1−a+b] = dS[a][b]}, then {@code dQ += dQe·Er_w} and {@code dEr_w += dQeᵀ·Q}. */
    @Override
    public void backward(Mat q, Mat dLogits, int offset, Mat dq) {
        Blas blas = Blas.get();
        int c = q.rows();
        int w = dLogits.cols();
        Mat dqe = packed(c, w);                                     // (c, w) dQe, zero off the skew band
        dqe.zero();
        Storage ds = dLogits.s();
        Storage qs = dqe.s();
        for (int a = 0; a < c; a++) {
            int dRow = dLogits.offset() + a * dLogits.ld();
            int skewRow = dqe.offset() + skewIndex(c, w, a, 0);
            for (int b = 0; b <= a + offset; b++) {
                qs.set(skewRow + b, ds.get(dRow + b));
            }
        }
        blas.gemm(dqe, false, window(w), false, dq, 1, 1);         // (c, Dh) dQ += dQe Er
        blas.gemm(dqe, true, q, false, dEr.rows(er.rows() - w, w), 1, 1); // (w, Dh) dEr += dQeᵀ Q
    }

    /** The gathered rows serving a window of {@code w} keys: {@code (w, Dh)}, distances {@code w−1 … 0}. */
    private Mat window(int w) {
        return er.rows(er.rows() - w, w);
    }

    /** A packed {@code (c, w)} window at the start of the skew scratch. */
    private Mat packed(int c, int w) {
        return new Mat(skewBuf.s(), skewBuf.offset(), c, w, w);
    }
}

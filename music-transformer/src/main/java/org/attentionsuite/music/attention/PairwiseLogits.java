package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * Relative logits the way Shaw et al. (2018) compute them, the baseline that the skew of Huang et
 * al. (2018, §3.4.1) replaces: per head the relative embeddings are gathered into an explicit
 * {@code Rel (L, L, Dh)} tensor, {@code Rel[i][j] = E[clip(i − j)]}, and
 * {@code S_rel[i][j] = q_i·Rel[i][j]}. Same table semantics as {@link SkewedLogits}; used by
 * {@link RelativeAttention} with {@link RelativeAttention.Computation#PAIRWISE}, whose blocks have
 * no keys before position 0, so a block's window offset is its first query's position.
 *
 * <p>{@code Rel} is stored as {@code (L·L, Dh)} (row {@code i·L + j}); backward materialises its
 * gradient {@code dRel} of the same size, as automatic differentiation of the gathered tensor
 * would. Memory {@code O(L²·Dh)}: for the memory comparison of the experiments and as a second,
 * loop-based reference; not meant for training at length.
 */
final class PairwiseLogits implements BlockedAttention.Logits {
    private final RelativeTable table;
    private final Precision precision;
    private final int headDim;
    private Mat rel;      // (L·L, Dh) gathered Rel[i][j] of one head, zero for j > i
    private Mat dRel;     // (L·L, Dh) its gradient, allocated at the first backward
    private int length;   // L

    PairwiseLogits(RelativeTable table, Precision precision, int headDim) {
        this.table = table;
        this.precision = precision;
        this.headDim = headDim;
    }

    /** {@code window} is {@code L}: every block looks back to position 0. */
    @Override
    public void ensure(int block, int window) {
        if (rel == null || length != window) {
            rel = Mat.zeros(precision, Math.toIntExact((long) window * window), headDim); // (L·L, Dh)
            dRel = null;
            length = window;
        }
    }

    /** {@code Rel[i][j] = E_h[clip(i − j)]} for {@code j ≤ i}; rows {@code j > i} stay zero. */
    @Override
    public void beginHead(int h, boolean backward) {
        Mat e = table.values(h);                                                // (R, Dh)
        for (int i = 0; i < length; i++) {
            for (int j = 0; j <= i; j++) {
                rel.rows(i * length + j, 1).copyFrom(e.rows(table.row(i - j), 1));
            }
        }
        if (backward) {
            if (dRel == null) {
                dRel = Mat.zeros(precision, rel.rows(), rel.cols());
            }
            dRel.zero();                                                        // (L·L, Dh)
        }
    }

    /** {@code dE_h[clip(i − j)] += dRel[i][j]}. */
    @Override
    public void endBackward(int h) {
        Mat grad = table.grads(h);                                              // (R, Dh)
        for (int i = 0; i < length; i++) {
            for (int j = 0; j <= i; j++) {
                grad.rows(table.row(i - j), 1).addScaled(dRel.rows(i * length + j, 1), 1.0);
            }
        }
    }

    /** {@code logits[a][j] += q_a·Rel[i][j]} for position {@code i = offset + a} and {@code j ≤ i}. */
    @Override
    public void add(Mat q, Mat logits, int offset) {
        Storage rs = rel.s();
        for (int a = 0; a < q.rows(); a++) {
            int i = offset + a;
            for (int j = 0; j <= i; j++) {
                int ro = rel.index(i * length + j, 0);
                double s = 0;
                for (int c = 0; c < headDim; c++) {
                    s += q.get(a, c) * rs.get(ro + c);                          // q_i · Rel[i][j]
                }
                logits.add(a, j, s);
            }
        }
    }

    /** {@code dq_i += Σ_j dS_ij Rel[i][j]} and {@code dRel[i][j] += dS_ij q_i}. */
    @Override
    public void backward(Mat q, Mat dLogits, int offset, Mat dq) {
        Storage rs = rel.s();
        Storage drs = dRel.s();
        for (int a = 0; a < q.rows(); a++) {
            int i = offset + a;
            for (int j = 0; j <= i; j++) {
                double g = dLogits.get(a, j);
                int ro = rel.index(i * length + j, 0);
                for (int c = 0; c < headDim; c++) {
                    dq.add(a, c, g * rs.get(ro + c));
                    drs.set(ro + c, drs.get(ro + c) + g * q.get(a, c));
                }
            }
        }
    }
}

package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;
import org.attentionsuite.core.tensor.Storage;

/**
 * Relative self-attention the way Shaw et al. (2018) compute it, the baseline that the skew of
 * Huang et al. (2018, §3.4.1) replaces: the relative embeddings are gathered into an explicit
 * {@code Rel (L, L, Dh)} tensor per head, {@code Rel[i][j] = E[clip(i − j)]}, and
 * {@code S_rel[i][j] = q_i·Rel[i][j]}. Same table semantics and parameter as {@link RelativeAttention}
 * (distance {@code i − j}, clipped to the last of {@code R} rows, per head or shared), and the same
 * spec: {@link RelativeAttention.Spec} with {@link RelativeAttention.Computation#PAIRWISE}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code R} table rows. {@code Rel} is stored as {@code (L·L, Dh)} (row {@code i·L + j}); backward
 * materialises its gradient {@code dRel} of the same size, as automatic differentiation of the
 * gathered tensor would. Memory {@code O(L²·Dh)}: this class exists for the memory comparison of the
 * experiments and as a second, loop-based reference; it is not meant for training at length.
 */
public final class RelativeAttentionPairwise implements Attention {
    private final RelativeCore core;
    private Mat probs;     // (B·H·L, L) saved softmax output
    private Mat dProbs;    // (L, L) dP, then dS, of one head
    private Mat rel;       // (L·L, Dh) gathered Rel[i][j] of one head, zero for j > i
    private Mat dRel;      // (L·L, Dh) its gradient, allocated at the first backward
    private Mat savedQkv;  // (B·L, 3D) input of the last forward
    private int batch;
    private int length;

    public RelativeAttentionPairwise(AttentionContext context, RelativeAttention.Spec spec) {
        this.core = RelativeCore.create(context, spec, spec.distances(context.maxLength()), spec.sharedAcrossHeads());
    }

    /** The relative table, laid out as in {@link RelativeAttention#relativeTable()}. */
    public Param relativeTable() {
        return core.table().param();
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        QkvLayout layout = core.layout();
        Blas blas = Blas.get();
        int heads = layout.heads();
        int dh = layout.headDim();
        Storage rs = rel.s();
        for (int h = 0; h < heads; h++) {
            gather(h);                                                          // (L·L, Dh) Rel[i][j]
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, L)
                blas.gemm(q, false, layout.k(qkv, b, length, h), true, p, 1, 0); // (L, L) Q Kᵀ
                for (int i = 0; i < length; i++) {
                    for (int j = 0; j <= i; j++) {
                        int ro = rel.index(i * length + j, 0);
                        double s = 0;
                        for (int c = 0; c < dh; c++) {
                            s += q.get(i, c) * rs.get(ro + c);                  // q_i · Rel[i][j]
                        }
                        p.add(i, j, s);
                    }
                    Softmax.row(p, i, core.scale(), 0, i + 1);
                }
                blas.gemm(p, false, layout.v(qkv, b, length, h), false, layout.head(out, b, length, h), 1, 0); // P V
            }
        }
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        if (dRel == null || dRel.rows() != rel.rows()) {
            dRel = Mat.zeros(core.precision(), rel.rows(), rel.cols());
        }
        dqkv.zero();
        QkvLayout layout = core.layout();
        Blas blas = Blas.get();
        int heads = layout.heads();
        int dh = layout.headDim();
        Mat qkv = savedQkv;
        Storage rs = rel.s();
        Storage drs = dRel.s();
        for (int h = 0; h < heads; h++) {
            gather(h);                                                          // (L·L, Dh)
            dRel.zero();                                                        // (L·L, Dh)
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                         // (L, Dh)
                Mat dOh = layout.head(dOut, b, length, h);                     // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, L)
                blas.gemm(p, true, dOh, false, layout.v(dqkv, b, length, h), 1, 1);    // dV += Pᵀ dO
                blas.gemm(dOh, false, layout.v(qkv, b, length, h), true, dProbs, 1, 0); // dP = dO Vᵀ
                for (int i = 0; i < length; i++) {
                    Softmax.backwardRow(p, dProbs, i, core.scale(), 0, i + 1);
                }
                blas.gemm(dProbs, false, k, false, dq, 1, 1);                  // dQ += dS K
                blas.gemm(dProbs, true, q, false, layout.k(dqkv, b, length, h), 1, 1); // dK += dSᵀ Q
                for (int i = 0; i < length; i++) {
                    for (int j = 0; j <= i; j++) {
                        double g = dProbs.get(i, j);
                        int ro = rel.index(i * length + j, 0);
                        for (int c = 0; c < dh; c++) {
                            dq.add(i, c, g * rs.get(ro + c));                   // dq_i += dS_ij Rel[i][j]
                            drs.set(ro + c, drs.get(ro + c) + g * q.get(i, c)); // dRel[i][j] += dS_ij q_i
                        }
                    }
                }
            }
            Mat grad = core.table().grads(h);                                   // (R, Dh)
            for (int i = 0; i < length; i++) {
                for (int j = 0; j <= i; j++) {
                    grad.rows(core.table().row(i - j), 1).addScaled(dRel.rows(i * length + j, 1), 1.0);
                }
            }
        }
    }

    /** {@code Rel[i][j] = E_h[clip(i − j)]} for {@code j ≤ i}; rows {@code j > i} stay zero. */
    private void gather(int h) {
        RelativeTable table = core.table();
        Mat e = table.values(h);                                                // (R, Dh)
        for (int i = 0; i < length; i++) {
            for (int j = 0; j <= i; j++) {
                rel.rows(i * length + j, 1).copyFrom(e.rows(table.row(i - j), 1));
            }
        }
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        return core.newCache(batch, capacity, capacity);
    }

    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        core.step(qkv, out, cache, t -> 0);
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * core.layout().heads() * length;
        if (probs == null || probs.cols() != length || probs.rows() < need) {
            Precision precision = core.precision();
            probs = Mat.zeros(precision, Math.toIntExact(need), length);
            dProbs = Mat.zeros(precision, length, length);
            rel = Mat.zeros(precision, Math.toIntExact((long) length * length), core.layout().headDim()); // (L·L, Dh)
            dRel = null;
        }
        this.batch = batch;
        this.length = length;
    }
}

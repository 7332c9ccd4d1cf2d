package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Global causal self-attention with learned relative positions, computed by the memory-efficient
 * "skew" of the Music Transformer (Huang et al. 2018, §3.4 and §3.4.1):
 * {@code logits = (Q·Kᵀ + S_rel) / √Dh} with {@code S_rel[i][j] = q_i·E[clip(i − j)]} for
 * {@code j ≤ i}, causal mask, softmax, times {@code V}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code D} model width,
 * {@code Dh = D/H} head width, {@code R} relative table rows, {@code c ≤ CHUNK} rows of a causal
 * chunk {@code [r0, r1)}.
 *
 * <p>Table: one learned {@code (R, Dh)} table per head (or one shared by all heads), registered as
 * {@code <layer>.relative}; row {@code d} embeds distance {@code d = i − j}, and distances
 * {@code ≥ R} use the last row (clipped). Per head and forward the table is gathered once, clipped
 * and reversed, into {@code Er (L, Dh)} whose row {@code r} is {@code E[clip(L − 1 − r)]}.
 *
 * <p>Skew: chunk {@code [r0, r1)} computes {@code Qe = Q_chunk·Er[L − r1, L)ᵀ (c, r1)} (the columns of
 * the full {@code (L, L)} product {@code Q·Erᵀ} its rows can use) and reads
 * {@code S_rel[i][j] = Qe[i][L − 1 − i + j]} as a strided view, fused into the logits before the
 * masked softmax (see {@link SkewedBlock}). Memory per head is {@code O(L² + L·Dh)}: the saved
 * probabilities {@code (L, L)}, two {@code (CHUNK, L)} scratches and two {@code (L, Dh)} gathered tables;
 * no {@code (L, L, Dh)} tensor ever exists (compare {@link RelativeAttentionPairwise}).
 */
public final class RelativeAttention implements Attention {
    /** Rows per causal chunk: chunk {@code [r0, r1)} only touches keys {@code [0, r1)}. */
    static final int CHUNK = 64;

    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private final RelativeTable table;
    private Mat probs;    // (B·H·L, L) saved softmax output
    private Mat dProbs;   // (min(CHUNK, L), L) dP, then dS, of one chunk
    private Mat skewBuf;  // (1, min(CHUNK, L)·L) packed Qe, then dQe, of one chunk
    private Mat er;       // (L, Dh) gathered table of one head
    private Mat dEr;      // (L, Dh) its gradient
    private Mat savedQkv; // (B·L, 3D) input of the last forward
    private int batch;
    private int length;

    public RelativeAttention(AttentionContext context, Spec spec) {
        spec.validate(context.maxLength(), context.dModel(), context.heads());
        this.layout = new QkvLayout(context.dModel(), context.heads());
        this.precision = context.precision();
        this.scale = 1.0 / Math.sqrt(context.headDim());
        this.table = new RelativeTable(context, spec.distances(context.maxLength()), spec.sharedAcrossHeads());
    }

    /**
     * The spec of this variant.
     *
     * @param maxRelativeDistance rows {@code R} of the relative table; distances {@code ≥ R} share the
     *                            last row. {@code ≤ 0} means the model's {@code maxLength} (no clipping)
     *                            and is stored as {@code 0}.
     * @param sharedAcrossHeads   one table for all heads instead of one per head
     */
    public record Spec(int maxRelativeDistance, boolean sharedAcrossHeads) implements AttentionSpec {
        public Spec {
            maxRelativeDistance = Math.max(0, maxRelativeDistance);
        }

        /** {@code R} resolved against the model's {@code maxLength}. */
        int distances(int maxLength) {
            return maxRelativeDistance > 0 ? maxRelativeDistance : maxLength;
        }

        @Override
        public void validate(int maxLength, int dModel, int heads) {
            if (maxRelativeDistance == 0 && maxLength <= 0) {
                throw new IllegalArgumentException("maxLength (" + maxLength
                        + ") must be positive to size the relative table when maxRelativeDistance is 0");
            }
        }

        @Override
        public Attention create(AttentionContext context) {
            return new RelativeAttention(context, this);
        }

        @Override
        public String label() {
            return "relative(R=" + (maxRelativeDistance > 0 ? maxRelativeDistance : "maxLength")
                    + (sharedAcrossHeads ? ", shared" : ", per-head") + ")";
        }
    }

    /** The relative table {@code (H·R, Dh)}, or {@code (R, Dh)} when shared; head {@code h} at rows {@code h·R}. */
    public Param relativeTable() {
        return table.param();
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        int heads = layout.heads();
        for (int h = 0; h < heads; h++) {
            table.gatherReversed(h, er);                                        // (L, Dh) row r = E[clip(L−1−r)]
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, L)
                Mat o = layout.head(out, b, length, h);                        // (L, Dh)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    chunk(q, k, v, p, r0, r1).forward(skewBuf, o.rows(r0, r1 - r0), scale);
                }
            }
        }
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        dqkv.zero();
        int heads = layout.heads();
        Mat qkv = savedQkv;
        for (int h = 0; h < heads; h++) {
            table.gatherReversed(h, er);                                        // (L, Dh)
            dEr.zero();                                                         // (L, Dh)
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                         // (L, Dh)
                Mat dk = layout.k(dqkv, b, length, h);                         // (L, Dh)
                Mat dv = layout.v(dqkv, b, length, h);                         // (L, Dh)
                Mat dOh = layout.head(dOut, b, length, h);                     // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, L)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    int c = r1 - r0;
                    chunk(q, k, v, p, r0, r1).backward(dOh.rows(r0, c), dProbs.rows(0, c).cols(0, r1), skewBuf,
                            dq.rows(r0, c), dk.rows(0, r1), dv.rows(0, r1), dEr.rows(length - r1, r1), scale);
                }
            }
            table.scatterReversed(h, dEr);                                      // dE_h[clip(L−1−r)] += dEr[r]
        }
    }

    /** Causal chunk {@code [r0, r1)} of one head: queries {@code (c, Dh)} against keys {@code [0, r1)}. */
    private SkewedBlock chunk(Mat q, Mat k, Mat v, Mat p, int r0, int r1) {
        int c = r1 - r0;
        return new SkewedBlock(q.rows(r0, c),                                   // (c, Dh)
                k.rows(0, r1),                                                  // (r1, Dh)
                v.rows(0, r1),                                                  // (r1, Dh)
                er.rows(length - r1, r1),                                       // (r1, Dh) distances r1−1 … 0
                p.rows(r0, c).cols(0, r1),                                      // (c, r1)
                r0);
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        return new RelativeCache(precision, batch, capacity, layout.dModel(), capacity, table.distances());
    }

    /** Position {@code t} attends to {@code [0, t]}: {@code O(t·Dh)} per head. */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        RelativeDecoding.step(qkv, out, cache, layout, table, scale, t -> 0);
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        if (probs == null || probs.cols() != length || probs.rows() < need) {
            int dh = layout.headDim();
            int rows = Math.min(CHUNK, length);
            probs = Mat.zeros(precision, Math.toIntExact(need), length);
            dProbs = Mat.zeros(precision, rows, length);
            skewBuf = Mat.zeros(precision, 1, rows * length);
            er = Mat.zeros(precision, length, dh);
            dEr = Mat.zeros(precision, length, dh);
        }
        this.batch = batch;
        this.length = length;
    }
}

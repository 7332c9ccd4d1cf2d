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
 * Relative local attention (Huang et al. 2018, §3.5): the sequence is cut into query blocks of
 * {@code blockLength}; block {@code n} (positions {@code [n·Bk, (n+1)·Bk)}) attends to a memory of
 * the previous block and itself, causally masked, so query {@code i} sees keys
 * {@code j ∈ [max(0, ⌊i/Bk⌋·Bk − Bk), i]}. Relative logits have the table semantics of
 * {@link RelativeAttention} ({@code S_rel[i][j] = q_i·E[clip(i − j)]}, distances {@code ≥ R} use
 * the last row) and are computed per block with the same skew over the block's key window of up to
 * {@code 2·Bk} keys ({@link SkewedBlock}). With {@code blockLength ≥ L} this is exactly
 * {@link RelativeAttention}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code Bk} block length, {@code c ≤ Bk} queries of a block, {@code W = min(L, 2·Bk)} widest key
 * window, {@code w ≤ W} a block's key window, {@code R} table rows. Saved probabilities are
 * {@code (B·H·L, W)}: time and memory {@code O(L·Bk)} per head instead of {@code O(L²)}.
 */
public final class RelativeLocalAttention implements Attention {
    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private final int blockLength;
    private final RelativeTable table;
    private Mat probs;    // (B·H·L, W) saved softmax output, row i over its window
    private Mat dProbs;   // (min(Bk, L), W) dP, then dS, of one block
    private Mat skewBuf;  // (1, min(Bk, L)·W) packed Qe, then dQe, of one block
    private Mat er;       // (W, Dh) gathered table of one head, row r = E[clip(W−1−r)]
    private Mat dEr;      // (W, Dh) its gradient
    private Mat savedQkv; // (B·L, 3D) input of the last forward
    private int batch;
    private int length;
    private int block;    // min(Bk, L)
    private int window;   // W = min(L, 2·Bk)

    public RelativeLocalAttention(AttentionContext context, Spec spec) {
        spec.validate(context.maxLength(), context.dModel(), context.heads());
        this.layout = new QkvLayout(context.dModel(), context.heads());
        this.precision = context.precision();
        this.scale = 1.0 / Math.sqrt(context.headDim());
        this.blockLength = spec.blockLength();
        this.table = new RelativeTable(context, spec.distances(context.maxLength()), spec.sharedAcrossHeads());
    }

    /**
     * The spec of this variant.
     *
     * @param blockLength         queries per block {@code Bk}; the memory is the previous block plus the
     *                            current one
     * @param maxRelativeDistance rows {@code R} of the relative table; {@code ≤ 0} means
     *                            {@code min(2·blockLength, maxLength)}, the most distances a window can
     *                            hold (stored as {@code 0})
     * @param sharedAcrossHeads   one table for all heads instead of one per head
     */
    public record Spec(int blockLength, int maxRelativeDistance, boolean sharedAcrossHeads) implements AttentionSpec {
        public Spec {
            if (blockLength <= 0) {
                throw new IllegalArgumentException("blockLength (" + blockLength + ") must be positive");
            }
            maxRelativeDistance = Math.max(0, maxRelativeDistance);
        }

        int distances(int maxLength) {
            return maxRelativeDistance > 0 ? maxRelativeDistance : (int) Math.min(2L * blockLength, maxLength);
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
            return new RelativeLocalAttention(context, this);
        }

        @Override
        public String label() {
            return "relative-local(block " + blockLength + ", R="
                    + (maxRelativeDistance > 0 ? maxRelativeDistance : "2*block")
                    + (sharedAcrossHeads ? ", shared" : ", per-head") + ")";
        }
    }

    /** The relative table, laid out as in {@link RelativeAttention#relativeTable()}. */
    public Param relativeTable() {
        return table.param();
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        int heads = layout.heads();
        for (int h = 0; h < heads; h++) {
            table.gatherReversed(h, er);                                        // (W, Dh)
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, W)
                Mat o = layout.head(out, b, length, h);                        // (L, Dh)
                for (int q0 = 0; q0 < length; q0 += block) {
                    int c = Math.min(length, q0 + block) - q0;
                    blockAt(q, k, v, p, q0).forward(skewBuf, o.rows(q0, c), scale);
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
            table.gatherReversed(h, er);                                        // (W, Dh)
            dEr.zero();                                                         // (W, Dh)
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                         // (L, Dh)
                Mat dk = layout.k(dqkv, b, length, h);                         // (L, Dh)
                Mat dv = layout.v(dqkv, b, length, h);                         // (L, Dh)
                Mat dOh = layout.head(dOut, b, length, h);                     // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, W)
                for (int q0 = 0; q0 < length; q0 += block) {
                    int q1 = Math.min(length, q0 + block);
                    int m0 = Math.max(0, q0 - block);
                    int c = q1 - q0;
                    int w = q1 - m0;
                    blockAt(q, k, v, p, q0).backward(dOh.rows(q0, c), dProbs.rows(0, c).cols(0, w), skewBuf,
                            dq.rows(q0, c), dk.rows(m0, w), dv.rows(m0, w), dEr.rows(window - w, w), scale);
                }
            }
            table.scatterReversed(h, dEr);                                      // dE_h[clip(W−1−r)] += dEr[r]
        }
    }

    /** Query block {@code [q0, q1)} against keys {@code [m0, q1)}, {@code m0 = max(0, q0 − Bk)}. */
    private SkewedBlock blockAt(Mat q, Mat k, Mat v, Mat p, int q0) {
        int q1 = Math.min(length, q0 + block);
        int m0 = Math.max(0, q0 - block);
        int c = q1 - q0;
        int w = q1 - m0;
        return new SkewedBlock(q.rows(q0, c),                                   // (c, Dh)
                k.rows(m0, w),                                                  // (w, Dh)
                v.rows(m0, w),                                                  // (w, Dh)
                er.rows(window - w, w),                                         // (w, Dh) distances w−1 … 0
                p.rows(q0, c).cols(0, w),                                       // (c, w)
                q0 - m0);
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        int most = (int) Math.min(capacity, 2L * blockLength);
        return new RelativeCache(precision, batch, capacity, layout.dModel(), most, table.distances());
    }

    /** Position {@code t} attends to {@code [max(0, ⌊t/Bk⌋·Bk − Bk), t]}: {@code O(Bk·Dh)} per head. */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        RelativeDecoding.step(qkv, out, cache, layout, table, scale,
                t -> Math.max(0, t / blockLength * blockLength - blockLength));
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        int blk = Math.min(blockLength, length);
        int wnd = (int) Math.min(length, 2L * blockLength);
        if (probs == null || this.length != length || probs.rows() < need) {
            int dh = layout.headDim();
            probs = Mat.zeros(precision, Math.toIntExact(need), wnd);
            dProbs = Mat.zeros(precision, blk, wnd);
            skewBuf = Mat.zeros(precision, 1, blk * wnd);
            er = Mat.zeros(precision, wnd, dh);
            dEr = Mat.zeros(precision, wnd, dh);
        }
        this.batch = batch;
        this.length = length;
        this.block = blk;
        this.window = wnd;
    }
}

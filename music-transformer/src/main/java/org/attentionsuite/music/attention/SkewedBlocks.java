package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Mat;

/**
 * Forward and backward of relative attention cut into query blocks, each computed by the skew
 * ({@link SkewedBlock}); shared by {@link RelativeAttention} and {@link RelativeLocalAttention},
 * which differ only in their window geometry.
 *
 * <p>Geometry, two named integers: queries come in blocks of {@code blockLength}, and block
 * {@code [q0, q1)} sees keys {@code [m0, q1)} with {@code m0 = max(0, q0 − lookBack)}, causally
 * masked. Global attention uses blocks of {@link RelativeAttention#CHUNK} rows and lookBack
 * {@link #ALL} (causal row chunks over every earlier key); local attention
 * {@code blockLength = lookBack = Bk} (the previous block and the current one).
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code c ≤ min(blockLength, L)} queries of a block, {@code W = min(L, blockLength + lookBack)}
 * widest key window ({@code L} for global attention), {@code w ≤ W} a block's key window. Per head
 * and pass the table is gathered once, clipped and reversed, into {@code Er (W, Dh)} whose last
 * {@code w} rows serve a window of {@code w} keys. Saved probabilities are {@code (B·H·L, W)}.
 */
final class SkewedBlocks {
    /** {@code lookBack} of global attention: a block sees every earlier key. */
    static final int ALL = Integer.MAX_VALUE;

    private final RelativeCore core;
    private final int blockLength;
    private final int lookBack;
    private Mat probs;    // (B·H·L, W) saved softmax output, row i over its window
    private Mat dProbs;   // (min(blockLength, L), W) dP, then dS, of one block
    private Mat skewBuf;  // (1, min(blockLength, L)·W) packed Qe, then dQe, of one block
    private Mat er;       // (W, Dh) gathered table of one head, row r = E[clip(W−1−r)]
    private Mat dEr;      // (W, Dh) its gradient
    private Mat savedQkv; // (B·L, 3D) input of the last forward
    private int batch;
    private int length;
    private int block;    // min(blockLength, L)
    private int window;   // W = min(L, blockLength + lookBack)

    /**
     * @param blockLength queries per block ({@code > 0})
     * @param lookBack    keys before a block's first query that it also sees ({@link #ALL}: all of them)
     */
    SkewedBlocks(RelativeCore core, int blockLength, int lookBack) {
        this.core = core;
        this.blockLength = blockLength;
        this.lookBack = lookBack;
    }

    /** {@code out (B·L, D)} from {@code qkv (B·L, 3D)}; keeps {@code qkv} and the probabilities for backward. */
    void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        QkvLayout layout = core.layout();
        int heads = layout.heads();
        for (int h = 0; h < heads; h++) {
            core.table().gatherReversed(h, er);                                 // (W, Dh) row r = E[clip(W−1−r)]
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, W)
                Mat o = layout.head(out, b, length, h);                        // (L, Dh)
                for (int q0 = 0; q0 < length; q0 += block) {
                    int c = Math.min(length, q0 + block) - q0;
                    blockAt(q, k, v, p, q0).forward(skewBuf, o.rows(q0, c), core.scale());
                }
            }
        }
    }

    /** {@code dqkv (B·L, 3D)} is overwritten; the table gradient is accumulated. */
    void backward(Mat dOut, Mat dqkv) {
        dqkv.zero();
        QkvLayout layout = core.layout();
        int heads = layout.heads();
        Mat qkv = savedQkv;
        for (int h = 0; h < heads; h++) {
            core.table().gatherReversed(h, er);                                 // (W, Dh)
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
                    int m0 = keyStart(q0);
                    int c = q1 - q0;
                    int w = q1 - m0;
                    blockAt(q, k, v, p, q0).backward(dOh.rows(q0, c), dProbs.rows(0, c).cols(0, w), skewBuf,
                            dq.rows(q0, c), dk.rows(m0, w), dv.rows(m0, w), dEr.rows(window - w, w), core.scale());
                }
            }
            core.table().scatterReversed(h, dEr);                               // dE_h[clip(W−1−r)] += dEr[r]
        }
    }

    /** First key {@code m0 = max(0, q0 − lookBack)} seen by the block starting at {@code q0}. */
    private int keyStart(int q0) {
        return Math.max(0, q0 - lookBack);
    }

    /** Query block {@code [q0, q1)} against keys {@code [m0, q1)}, {@code m0 = max(0, q0 − lookBack)}. */
    private SkewedBlock blockAt(Mat q, Mat k, Mat v, Mat p, int q0) {
        int q1 = Math.min(length, q0 + block);
        int m0 = keyStart(q0);
        int c = q1 - q0;
        int w = q1 - m0;
        return new SkewedBlock(q.rows(q0, c),                                   // (c, Dh)
                k.rows(m0, w),                                                  // (w, Dh)
                v.rows(m0, w),                                                  // (w, Dh)
                er.rows(window - w, w),                                         // (w, Dh) distances w−1 … 0
                p.rows(q0, c).cols(0, w),                                       // (c, w)
                q0 - m0);
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * core.layout().heads() * length;
        int blk = Math.min(blockLength, length);
        int wnd = (int) Math.min(length, (long) blockLength + lookBack);
        if (probs == null || this.length != length || probs.rows() < need) {
            int dh = core.layout().headDim();
            probs = Mat.zeros(core.precision(), Math.toIntExact(need), wnd);
            dProbs = Mat.zeros(core.precision(), blk, wnd);
            skewBuf = Mat.zeros(core.precision(), 1, blk * wnd);
            er = Mat.zeros(core.precision(), wnd, dh);
            dEr = Mat.zeros(core.precision(), wnd, dh);
        }
        this.batch = batch;
        this.length = length;
        this.block = blk;
        this.window = wnd;
    }
}

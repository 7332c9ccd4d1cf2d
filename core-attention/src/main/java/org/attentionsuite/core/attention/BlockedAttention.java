package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;

/**
 * Forward and backward of causal attention cut into query blocks, the one loop of every variant
 * whose window is a run of keys: local 1D attention (Parmar et al. 2018, §3.3), and relative
 * attention, global and local (Huang et al. 2018, §3.4–3.5), which add their relative logits
 * through {@link Logits}.
 *
 * <p>Geometry, two named integers: queries come in blocks of {@code blockLength}, and the block
 * {@code [q0, q1)} sees the keys {@code [m0, q1)} with {@code m0 = max(0, q0 − lookBack)}, causally
 * masked: query {@code q0 + a} sees keys up to itself. Local 1D attention with {@code M} memory
 * blocks has {@code lookBack = M·blockLength}; global attention cut into row chunks has
 * {@code lookBack =} {@link #ALL}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code c ≤ min(blockLength, L)} queries of a block, {@code w = q1 − m0} keys of its window,
 * {@code W = min(L, blockLength + lookBack)} the widest window. Per (head, sequence, block): one
 * {@code (c, Dh) x (Dh, w)} GEMM for the logits, a masked softmax, one {@code (c, w) x (w, Dh)}
 * GEMM for the output; the saved probabilities are {@code (B·H·L, W)}, row {@code i} over its own
 * window, so time and memory are {@code O(L·W)}.
 */
public final class BlockedAttention {
    /** {@code lookBack} of global attention: a block sees every earlier key. */
    public static final int ALL = Integer.MAX_VALUE;

    /**
     * What a variant adds to the logits {@code Q·Kᵀ} of a block before the softmax, and the
     * gradient of that addition. Calls come per head, then per sequence and block.
     */
    public interface Logits {
        /** No extra logits: plain scaled dot-product attention in the window. */
        Logits NONE = new Logits() {
            @Override
            public void add(Mat q, Mat logits, int offset) {
            }

            @Override
            public void backward(Mat q, Mat dLogits, int offset, Mat dq) {
            }
        };

        /** Sizes scratch for blocks of up to {@code block} queries and windows of up to {@code window} keys. */
        default void ensure(int block, int window) {
        }

        /** Head {@code h}'s blocks follow (forward and backward), e.g. to gather a table once per head. */
        default void beginHead(int h, boolean backward) {
        }

        /** Head {@code h}'s blocks are done in backward, e.g. to scatter a table gradient. */
        default void endBackward(int h) {
        }

        /**
         * Adds the extra logits of one block.
         *
         * @param q      {@code (c, Dh)} queries of the block
         * @param logits {@code (c, w)} {@code Q·Kᵀ} of the window; only {@code b ≤ a + offset} is read later
         * @param offset window keys before the first query, {@code q0 − m0}
         */
        void add(Mat q, Mat logits, int offset);

        /**
         * Gradient of {@link #add}: accumulates {@code dq += ∂/∂q} and the variant's own gradients.
         *
         * @param dLogits {@code (c, w)} gradient of the logits, zero where masked
         * @param dq      {@code (c, Dh)}
         */
        void backward(Mat q, Mat dLogits, int offset, Mat dq);
    }

    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private final int blockLength;
    private final int lookBack;
    private final Logits logits;
    private Mat probs;    // (B·H·L, W) saved softmax output, row i over its window
    private Mat dProbs;   // (min(blockLength, L), W) dP, then dS, of one block
    private Mat savedQkv; // (B·L, 3D) input of the last forward (not copied: callers keep it intact)
    private int batch;
    private int length;
    private int block;    // min(blockLength, L)

    /**
     * @param blockLength queries per block ({@code > 0})
     * @param lookBack    keys before a block's first query that it also sees ({@code ≥ 0}; {@link #ALL}: all of them)
     * @param logits      what the variant adds to {@code Q·Kᵀ} ({@link Logits#NONE}: nothing)
     */
    public BlockedAttention(AttentionContext context, int blockLength, int lookBack, Logits logits) {
        if (blockLength <= 0 || lookBack < 0) {
            throw new IllegalArgumentException("blockLength (" + blockLength + ") must be positive and lookBack ("
                    + lookBack + ") non-negative");
        }
        this.layout = new QkvLayout(context.dModel(), context.heads());
        this.precision = context.precision();
        this.scale = 1.0 / Math.sqrt(context.headDim());
        this.blockLength = blockLength;
        this.lookBack = lookBack;
        this.logits = logits;
    }

    /** {@code 1/√Dh}, the logit scale. */
    public double scale() {
        return scale;
    }

    /** {@code out (B·L, D)} from {@code qkv (B·L, 3D)}; keeps {@code qkv} and the probabilities for backward. */
    public void forward(Mat qkv, Mat out, int batch, int length) {
        layout.checkForward(qkv, out, batch, length);
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        int heads = layout.heads();
        for (int h = 0; h < heads; h++) {
            logits.beginHead(h, false);
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat o = layout.head(out, b, length, h);                        // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, W)
                for (int q0 = 0; q0 < length; q0 += block) {
                    int c = Math.min(length, q0 + block) - q0;
                    int m0 = keyStart(q0);
                    int w = q0 + c - m0;
                    int off = q0 - m0;
                    Mat qc = q.rows(q0, c);                                     // (c, Dh)
                    Mat pc = p.rows(q0, c).cols(0, w);                          // (c, w)
                    blas.gemm(qc, false, k.rows(m0, w), true, pc, 1, 0);       // Q_blk K_winᵀ (c, w)
                    logits.add(qc, pc, off);
                    for (int a = 0; a < c; a++) {
                        Softmax.row(pc, a, scale, 0, a + off + 1);      // causal: keys m0 .. q0 + a
                    }
                    blas.gemm(pc, false, v.rows(m0, w), false, o.rows(q0, c), 1, 0); // P V_win (c, Dh)
                }
            }
        }
    }

    /** {@code dqkv (B·L, 3D)} is overwritten from {@code dOut (B·L, D)}; the variant's gradients are accumulated. */
    public void backward(Mat dOut, Mat dqkv) {
        layout.checkBackward(dOut, dqkv, batch, length);
        dqkv.rows(0, batch * length).zero();                                    // (B·L, 3D)
        Blas blas = Blas.get();
        int heads = layout.heads();
        Mat qkv = savedQkv;
        for (int h = 0; h < heads; h++) {
            logits.beginHead(h, true);
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                           // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                           // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                         // (L, Dh)
                Mat dk = layout.k(dqkv, b, length, h);                         // (L, Dh)
                Mat dv = layout.v(dqkv, b, length, h);                         // (L, Dh)
                Mat dO = layout.head(dOut, b, length, h);                      // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, W)
                for (int q0 = 0; q0 < length; q0 += block) {
                    int c = Math.min(length, q0 + block) - q0;
                    int m0 = keyStart(q0);
                    int w = q0 + c - m0;
                    int off = q0 - m0;
                    Mat qc = q.rows(q0, c);                                     // (c, Dh)
                    Mat dqc = dq.rows(q0, c);                                   // (c, Dh)
                    Mat pc = p.rows(q0, c).cols(0, w);                          // (c, w)
                    Mat ds = dProbs.rows(0, c).cols(0, w);                      // (c, w)
                    Mat dOc = dO.rows(q0, c);                                   // (c, Dh)
                    blas.gemm(pc, true, dOc, false, dv.rows(m0, w), 1, 1);     // dV_win += Pᵀ dO (w, Dh)
                    blas.gemm(dOc, false, v.rows(m0, w), true, ds, 1, 0);      // dP = dO V_winᵀ (c, w)
                    for (int a = 0; a < c; a++) {
                        Softmax.backwardRow(pc, ds, a, scale, 0, a + off + 1); // dS = scale·P ⊙ (dP − Σ P dP)
                    }
                    blas.gemm(ds, false, k.rows(m0, w), false, dqc, 1, 0);     // dQ_blk = dS K_win (c, Dh)
                    blas.gemm(ds, true, qc, false, dk.rows(m0, w), 1, 1);      // dK_win += dSᵀ Q_blk (w, Dh)
                    logits.backward(qc, ds, off, dqc);
                }
            }
            logits.endBackward(h);
        }
    }

    /** First key {@code m0 = max(0, q0 − lookBack)} seen by the block starting at {@code q0}. */
    private int keyStart(int q0) {
        return Math.max(0, q0 - lookBack);
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        int blk = Math.min(blockLength, length);
        int window = (int) Math.min(length, (long) blockLength + lookBack);
        if (need * window > Integer.MAX_VALUE) {
            throw new org.attentionsuite.core.UserError("saved probabilities (" + need + " x " + window
                    + ") exceed one buffer");
        }
        if (probs == null || probs.rows() < need || probs.cols() != window || dProbs.rows() != blk) {
            probs = Mat.zeros(precision, (int) need, window);                  // (B·H·L, W)
            dProbs = Mat.zeros(precision, blk, window);                         // (blk, W)
        }
        logits.ensure(blk, window);
        this.batch = batch;
        this.length = length;
        this.block = blk;
    }
}

package org.attentionsuite.core.attention;

import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;
import org.attentionsuite.core.tensor.Storage;

/**
 * Forward and backward of causal attention cut into query blocks, the one loop of every variant
 * whose window is a run of keys: local 1D attention (Parmar et al. 2018, §3.3), and relative
 * attention, global and local (Huang et al. 2018, §3.4–3.5), which add their relative logits
 * through {@link Logits}. A variant extends it with its spec and its decoding step.
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
public abstract class BlockedAttention implements Attention {
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
    private List<Block> blocks; // the query blocks of the last forward
    private Mat probs;    // (B·H·L, W) saved softmax output, row i over its window
    private Mat dProbs;   // (min(blockLength, L), W) dP, then dS, of one block
    private Mat savedQkv; // (B·L, 3D) input of the last forward (not copied: callers keep it intact)
    private int batch;
    private int length;

    /**
     * @param blockLength queries per block ({@code > 0})
     * @param lookBack    keys before a block's first query that it also sees ({@code ≥ 0}; {@link #ALL}: all of them)
     * @param logits      what the variant adds to {@code Q·Kᵀ} ({@link Logits#NONE}: nothing)
     */
    protected BlockedAttention(AttentionContext context, int blockLength, int lookBack, Logits logits) {
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
    protected final double scale() {
        return scale;
    }

    /** Per-head windows of {@code qkv} and {@code out}. */
    protected final QkvLayout layout() {
        return layout;
    }

    /** Precision of the buffers (and of a decoding cache). */
    protected final Precision precision() {
        return precision;
    }

    /**
     * Queries {@code [q0, q0 + c)} against keys {@code [m0, q0 + c)}.
     *
     * @param q0 first query
     * @param c  queries
     * @param m0 first key, {@code max(0, q0 − lookBack)}
     */
    private record Block(int q0, int c, int m0) {
        /** Keys of the window. */
        int w() {
            return q0 + c - m0;
        }

        /** Window keys before the first query. */
        int offset() {
            return q0 - m0;
        }
    }

    /** {@code out (B·L, D)} from {@code qkv (B·L, 3D)}; keeps {@code qkv} and the probabilities for backward. */
    @Override
    public final void forward(Mat qkv, Mat out, int batch, int length) {
        layout.checkForward(qkv, out, batch, length);
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        for (int h = 0; h < layout.heads(); h++) {
            logits.beginHead(h, false);
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat p = saved(b, h);                                            // (L, W)
                for (Block blk : blocks) {
                    int c = blk.c();
                    int w = blk.w();
                    Mat qc = q.rows(blk.q0(), c);                               // (c, Dh)
                    Mat pc = p.rows(blk.q0(), c).cols(0, w);                    // (c, w)
                    blas.gemm(qc, false, layout.k(qkv, b, length, h).rows(blk.m0(), w), true, pc, 1, 0); // Q_blk K_winᵀ
                    logits.add(qc, pc, blk.offset());
                    for (int a = 0; a < c; a++) {
                        Softmax.row(pc, a, scale, 0, a + blk.offset() + 1);     // causal: keys m0 .. q0 + a
                    }
                    blas.gemm(pc, false, layout.v(qkv, b, length, h).rows(blk.m0(), w), false,
                            layout.head(out, b, length, h).rows(blk.q0(), c), 1, 0); // P V_win (c, Dh)
                }
            }
        }
    }

    /** {@code dqkv (B·L, 3D)} is overwritten from {@code dOut (B·L, D)}; the variant's gradients are accumulated. */
    @Override
    public final void backward(Mat dOut, Mat dqkv) {
        layout.checkBackward(dOut, dqkv, batch, length);
        dqkv.rows(0, batch * length).zero();                                    // (B·L, 3D)
        Blas blas = Blas.get();
        Mat qkv = savedQkv;
        for (int h = 0; h < layout.heads(); h++) {
            logits.beginHead(h, true);
            for (int b = 0; b < batch; b++) {
                Mat q = layout.q(qkv, b, length, h);                           // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                         // (L, Dh)
                Mat dO = layout.head(dOut, b, length, h);                      // (L, Dh)
                Mat p = saved(b, h);                                            // (L, W)
                for (Block blk : blocks) {
                    int c = blk.c();
                    int w = blk.w();
                    Mat qc = q.rows(blk.q0(), c);                               // (c, Dh)
                    Mat dqc = dq.rows(blk.q0(), c);                             // (c, Dh)
                    Mat dOc = dO.rows(blk.q0(), c);                             // (c, Dh)
                    Mat kw = layout.k(qkv, b, length, h).rows(blk.m0(), w);    // (w, Dh)
                    Mat vw = layout.v(qkv, b, length, h).rows(blk.m0(), w);    // (w, Dh)
                    Mat pc = p.rows(blk.q0(), c).cols(0, w);                    // (c, w)
                    Mat ds = dProbs.rows(0, c).cols(0, w);                      // (c, w)
                    blas.gemm(pc, true, dOc, false, layout.v(dqkv, b, length, h).rows(blk.m0(), w), 1, 1); // dV_win += Pᵀ dO
                    blas.gemm(dOc, false, vw, true, ds, 1, 0);                 // dP = dO V_winᵀ (c, w)
                    for (int a = 0; a < c; a++) {
                        Softmax.backwardRow(pc, ds, a, scale, 0, a + blk.offset() + 1); // dS = scale·P ⊙ (dP − Σ P dP)
                    }
                    blas.gemm(ds, false, kw, false, dqc, 1, 0);                // dQ_blk = dS K_win (c, Dh)
                    blas.gemm(ds, true, qc, false, layout.k(dqkv, b, length, h).rows(blk.m0(), w), 1, 1); // dK_win += dSᵀ Q_blk
                    logits.backward(qc, ds, blk.offset(), dqc);
                }
            }
            logits.endBackward(h);
        }
    }

    /** Read from the saved row of {@code (b, h, query)}, which holds the keys of its block's window from {@code m0} on. */
    @Override
    public final double[][] weights(int b, int query) {
        Attention.checkWeights(batch, length, b, query);
        int heads = layout.heads();
        int m0 = keyStart(query - query % Math.min(blockLength, length));
        double[][] w = new double[heads][query + 1];
        for (int h = 0; h < heads; h++) {
            Mat p = saved(b, h);                                                // (L, W) of (b, h)
            for (int j = m0; j <= query; j++) {
                w[h][j] = p.get(query, j - m0);
            }
        }
        return w;
    }

    /** The saved probabilities of sequence {@code b}, head {@code h}: {@code (L, W)}, row {@code i} over its window. */
    private Mat saved(int b, int h) {
        return probs.rows((b * layout.heads() + h) * length, length);
    }

    /** First key {@code m0 = max(0, q0 − lookBack)} seen by the block starting at {@code q0}. */
    private int keyStart(int q0) {
        return Math.max(0, q0 - lookBack);
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        int blk = Math.min(blockLength, length);
        int window = (int) Math.min(length, (long) blockLength + lookBack);
        if (need * window > Storage.maxElements(precision)) {
            throw new UserError("saved probabilities (" + need + " x " + window
                    + ") exceed one buffer");
        }
        if (probs == null || probs.rows() < need || probs.cols() != window || dProbs.rows() != blk) {
            probs = Mat.zeros(precision, (int) need, window);                  // (B·H·L, W)
            dProbs = Mat.zeros(precision, blk, window);                         // (blk, W)
        }
        logits.ensure(blk, window);
        if (blocks == null || this.length != length) {
            List<Block> list = new ArrayList<>();
            for (int q0 = 0; q0 < length; q0 += blk) {
                list.add(new Block(q0, Math.min(length, q0 + blk) - q0, keyStart(q0)));
            }
            blocks = List.copyOf(list);
        }
        this.batch = batch;
        this.length = length;
    }
}

package org.attentionsuite.image.attention;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Kernels;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Masked local 1D self-attention of the Image Transformer (Parmar et al. 2018, §3.3 "Local
 * Self-Attention", 1D case; the attention itself is §3.2). The flattened sequence is cut into query
 * blocks of {@code bl} positions; query block {@code q} attends to the {@code M} previous blocks and
 * to its own block, causally masked inside it. Query {@code i} therefore sees the keys
 * {@code blockStart(i) − M·bl ≤ j ≤ i}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code D = H·Dh}, {@code bl} block length, {@code M} memory blocks, {@code nq ≤ bl} rows of a query
 * block (the last block may be short), {@code w ≤ (M+1)·bl} columns of its key window, and
 * {@code W = min(L, (M+1)·bl)} the widest window.
 *
 * <p>Cost: one {@code (nq, Dh) x (Dh, w)} GEMM per (batch, head, block), so time and the saved
 * probabilities {@code P (B·H·L, W)} are {@code O(L·W)}, never {@code O(L²)}. A decoding step scores
 * only the {@code ≤ W} cached keys of its window.
 */
public final class LocalAttention1d implements Attention {
    private final Spec spec;
    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private Mat probs;    // (B·H·L, W) saved softmax output, window-relative columns
    private Mat dProbs;   // (bl, W) dP → dS of one query block
    private Mat savedQkv; // (B·L, 3D) input of the last forward (not copied: callers keep it intact)
    private int batch;
    private int length;

    /**
     * The spec of this variant.
     *
     * @param blockLength  {@code bl}, positions per query block, {@code > 0}
     * @param memoryBlocks {@code M}, previous blocks each query block attends to, {@code ≥ 0}
     */
    public record Spec(int blockLength, int memoryBlocks) implements AttentionSpec {
        public Spec {
            if (blockLength <= 0) {
                throw new UserError("blockLength (" + blockLength + ") must be positive");
            }
            if (memoryBlocks < 0) {
                throw new UserError("memoryBlocks (" + memoryBlocks + ") must be non-negative");
            }
            if ((long) (memoryBlocks + 1) * blockLength > Integer.MAX_VALUE) {
                throw new UserError("window (memoryBlocks + 1) * blockLength = (" + memoryBlocks
                        + " + 1) * " + blockLength + " is too large");
            }
        }

        /** Widest key window, {@code (M+1)·bl}, before clipping to the sequence. */
        public int windowLength() {
            return (memoryBlocks + 1) * blockLength;
        }

        /** A copy with another block length. */
        public Spec withBlockLength(int bl) {
            return new Spec(bl, memoryBlocks);
        }

        /** A copy with another number of memory blocks. */
        public Spec withMemoryBlocks(int m) {
            return new Spec(blockLength, m);
        }

        @Override
        public void validate(int maxLength, int dModel, int heads) {
            if (maxLength <= 0) {
                throw new UserError("maxLength (" + maxLength + ") must be positive");
            }
            Shapes.checkHeads(dModel, heads);
        }

        @Override
        public Attention create(AttentionContext context) {
            validate(context.maxLength(), context.dModel(), context.heads());
            return new LocalAttention1d(this, context);
        }

        @Override
        public String label() {
            return "local1d(b=" + blockLength + ",m=" + memoryBlocks + ")";
        }

        /**
         * {@code S = Σ_blocks nq·(nq + min(qs, M·bl))}, about {@code L·(M + ½)·bl}: linear in
         * {@code L} (Parmar et al. 2018, §3.3).
         */
        @Override
        public long scoreEntries(int length) {
            long s = 0;
            for (int qs = 0; qs < length; qs += blockLength) {
                int nq = Math.min(length, qs + blockLength) - qs;
                int ks = Math.max(0, qs - memoryBlocks * blockLength);
                s += (long) nq * (qs + nq - ks);
            }
            return s;
        }

        /** {@code B·H·L·W + min(L, bl)·W} with the window {@code W = min(L, (M+1)·bl)}. */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            long l = length;
            long w = Math.min(l, (long) (memoryBlocks + 1) * blockLength);
            return batch * heads * l * w + Math.min(l, blockLength) * w;
        }
    }

    public LocalAttention1d(Spec spec, AttentionContext c) {
        this.spec = spec;
        this.layout = new QkvLayout(c.dModel(), c.heads());
        this.precision = c.precision();
        this.scale = 1.0 / Math.sqrt(c.headDim());
    }

    public Spec spec() {
        return spec;
    }

    /** First key of the window of the query block starting at {@code qs}: {@code max(0, qs − M·bl)}. */
    private int windowStart(int qs) {
        return Math.max(0, qs - spec.memoryBlocks() * spec.blockLength());
    }

    /** First position of the query block holding position {@code i}. */
    private int blockStart(int i) {
        return i - i % spec.blockLength();
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        Shapes.checkForward(qkv, out, batch, length, layout.dModel());
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        int heads = layout.heads();
        int bl = spec.blockLength();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);                          // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                          // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                          // (L, Dh)
                Mat o = layout.head(out, b, length, h);                       // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);         // (L, W)
                for (int qs = 0; qs < length; qs += bl) {
                    int nq = Math.min(length, qs + bl) - qs;
                    int ks = windowStart(qs);
                    int w = qs + nq - ks;
                    Mat pc = p.rows(qs, nq).cols(0, w);                       // (nq, w)
                    blas.gemm(q.rows(qs, nq), false, k.rows(ks, w), true, pc, 1, 0); // Q_blk K_winᵀ (nq, w)
                    for (int r = 0; r < nq; r++) {
                        // §3.3: query qs + r sees window keys ks .. qs + r (causal inside its own block).
                        Kernels.softmaxRow(pc, r, scale, 0, qs + r - ks + 1);
                    }
                    blas.gemm(pc, false, v.rows(ks, w), false, o.rows(qs, nq), 1, 0); // P V_win (nq, Dh)
                }
            }
        }
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        Shapes.checkBackward(dOut, dqkv, batch, length, layout.dModel());
        dqkv.rows(0, batch * length).zero();                                  // (B·L, 3D)
        Blas blas = Blas.get();
        int heads = layout.heads();
        int bl = spec.blockLength();
        Mat qkv = savedQkv;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);                          // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                          // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                          // (L, Dh)
                Mat dq = layout.q(dqkv, b, length, h);                        // (L, Dh)
                Mat dk = layout.k(dqkv, b, length, h);                        // (L, Dh)
                Mat dv = layout.v(dqkv, b, length, h);                        // (L, Dh)
                Mat dO = layout.head(dOut, b, length, h);                     // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);         // (L, W)
                for (int qs = 0; qs < length; qs += bl) {
                    int nq = Math.min(length, qs + bl) - qs;
                    int ks = windowStart(qs);
                    int w = qs + nq - ks;
                    Mat pc = p.rows(qs, nq).cols(0, w);                       // (nq, w)
                    Mat ds = dProbs.rows(0, nq).cols(0, w);                   // (nq, w)
                    Mat dOc = dO.rows(qs, nq);                                // (nq, Dh)
                    blas.gemm(pc, true, dOc, false, dv.rows(ks, w), 1, 1);    // dV_win += Pᵀ dO (w, Dh)
                    blas.gemm(dOc, false, v.rows(ks, w), true, ds, 1, 0);     // dP = dO V_winᵀ (nq, w)
                    for (int r = 0; r < nq; r++) {
                        Kernels.softmaxBackwardRow(pc, ds, r, scale, 0, qs + r - ks + 1); // dS (nq, w)
                    }
                    blas.gemm(ds, false, k.rows(ks, w), false, dq.rows(qs, nq), 1, 0); // dQ_blk = dS K_win (nq, Dh)
                    blas.gemm(ds, true, q.rows(qs, nq), false, dk.rows(ks, w), 1, 1);  // dK_win += dSᵀ Q_blk (w, Dh)
                }
            }
        }
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        int window = Math.max(1, Math.min(capacity, spec.windowLength()));
        return new LocalCache(precision, batch, capacity, layout.dModel(), window, false);
    }

    /**
     * Appends position {@code t} and attends over its window {@code [max(0, blockStart(t) − M·bl), t]}
     * of the cache: {@code O((M+1)·bl·D)} per token, independent of {@code t}.
     */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        LocalCache c = LocalCache.of(cache, "LocalAttention1d");
        int t = c.append(qkv);
        int ks = windowStart(blockStart(t));
        int n = t - ks + 1;
        Mat scores = c.scores.cols(0, n);                                     // (1, n)
        Blas blas = Blas.get();
        int dh = layout.headDim();
        for (int b = 0; b < c.batch(); b++) {
            Mat keys = c.keys(b, t + 1).rows(ks, n);                          // (n, D)
            Mat values = c.values(b, t + 1).rows(ks, n);                      // (n, D)
            for (int h = 0; h < layout.heads(); h++) {
                Mat qh = qkv.rows(b, 1).cols(h * dh, dh);                     // (1, Dh)
                blas.gemm(qh, false, keys.cols(h * dh, dh), true, scores, 1, 0); // q K_winᵀ (1, n)
                Kernels.softmaxRow(scores, 0, scale, 0, n);
                blas.gemm(scores, false, values.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0); // (1, Dh)
            }
        }
        c.lastScored = n;
    }

    private void ensure(int batch, int length) {
        int window = Math.min(length, spec.windowLength());
        long need = (long) batch * layout.heads() * length;
        if (need * window > Integer.MAX_VALUE) {
            throw new UserError("saved probabilities (" + need + " x " + window + ") exceed one buffer");
        }
        if (probs == null || probs.rows() < need || probs.cols() != window) {
            probs = Mat.zeros(precision, (int) need, window);                 // (B·H·L, W)
            dProbs = Mat.zeros(precision, Math.min(length, spec.blockLength()), window); // (bl, W)
        }
        this.batch = batch;
        this.length = length;
    }
}

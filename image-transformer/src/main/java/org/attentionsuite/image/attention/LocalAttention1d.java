package org.attentionsuite.image.attention;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Softmax;

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
 * probabilities {@code P (B·H·L, W)} are {@code O(L·W)}, never {@code O(L²)}: the block loop of
 * {@link BlockedAttention} with {@code lookBack = M·bl}. A decoding step scores only the
 * {@code ≤ W} cached keys of its window.
 */
public final class LocalAttention1d extends BlockedAttention {
    private final Spec spec;

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

        @Override
        public void validate(int maxLength, int dModel, int heads) {
            if (maxLength <= 0) {
                throw new UserError("maxLength (" + maxLength + ") must be positive");
            }
            QkvLayout.checkHeads(dModel, heads);
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

    /** Query blocks of {@code bl}, each against its {@code M} previous blocks and itself. */
    public LocalAttention1d(Spec spec, AttentionContext c) {
        super(c, spec.blockLength(), spec.memoryBlocks() * spec.blockLength(), BlockedAttention.Logits.NONE);
        this.spec = spec;
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
    public AttentionCache newCache(int batch, int capacity) {
        int window = Math.max(1, Math.min(capacity, spec.windowLength()));
        return new LocalCache(precision(), batch, capacity, layout().dModel(), window, false);
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
        QkvLayout layout = layout();
        int dh = layout.headDim();
        for (int b = 0; b < c.batch(); b++) {
            Mat keys = c.keys(b, t + 1).rows(ks, n);                          // (n, D)
            Mat values = c.values(b, t + 1).rows(ks, n);                      // (n, D)
            for (int h = 0; h < layout.heads(); h++) {
                Mat qh = qkv.rows(b, 1).cols(h * dh, dh);                     // (1, Dh)
                blas.gemm(qh, false, keys.cols(h * dh, dh), true, scores, 1, 0); // q K_winᵀ (1, n)
                Softmax.row(scores, 0, scale(), 0, n);
                blas.gemm(scores, false, values.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0); // (1, Dh)
            }
        }
        c.lastScored = n;
    }
}

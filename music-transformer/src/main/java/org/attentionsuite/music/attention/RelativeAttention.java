package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;

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
 * masked softmax (see {@link SkewedBlock}; the chunk loop is {@link SkewedBlocks}). Memory per head is {@code O(L² + L·Dh)}: the saved
 * probabilities {@code (L, L)}, two {@code (CHUNK, L)} scratches and two {@code (L, Dh)} gathered tables;
 * no {@code (L, L, Dh)} tensor ever exists (compare {@link RelativeAttentionPairwise}).
 */
public final class RelativeAttention implements Attention {
    /** Rows per causal chunk: chunk {@code [r0, r1)} only touches keys {@code [0, r1)}. */
    static final int CHUNK = 64;

    private final RelativeCore core;
    private final SkewedBlocks chunks; // chunks of CHUNK query rows, each against all earlier keys

    public RelativeAttention(AttentionContext context, Spec spec) {
        this.core = RelativeCore.create(context, spec, spec.distances(context.maxLength()), spec.sharedAcrossHeads());
        this.chunks = new SkewedBlocks(core, CHUNK, SkewedBlocks.ALL);
    }

    /**
     * The spec of this variant.
     *
     * @param maxRelativeDistance rows {@code R} of the relative table; distances {@code ≥ R} share the
     *                            last row. {@code ≤ 0} means the model's {@code maxLength} (no clipping)
     *                            and is stored as {@code 0}.
     * @param sharedAcrossHeads   one table for all heads instead of one per head
     */
    public record Spec(int maxRelativeDistance, boolean sharedAcrossHeads) implements RelativeSpec {
        public Spec {
            maxRelativeDistance = Math.max(0, maxRelativeDistance);
        }

        @Override
        public Attention create(AttentionContext context) {
            return new RelativeAttention(context, this);
        }

        @Override
        public String label() {
            return "relative(" + RelativeTable.label(maxRelativeDistance, "maxLength", sharedAcrossHeads) + ")";
        }

        /**
         * Saved probabilities {@code B·H·L²}, two {@code c·L} chunk scratches ({@code c = min(CHUNK, L)})
         * and the gathered table with its gradient {@code 2·L·Dh}; no {@code (L, L, Dh)} tensor.
         */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            long l = length;
            return (long) batch * heads * l * l + 2L * Math.min(CHUNK, l) * l + 2 * l * headDim;
        }
    }

    /** The relative table {@code (H·R, Dh)}, or {@code (R, Dh)} when shared; head {@code h} at rows {@code h·R}. */
    public Param relativeTable() {
        return core.table().param();
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        chunks.forward(qkv, out, batch, length);
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        chunks.backward(dOut, dqkv);
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        return core.newCache(batch, capacity, capacity);
    }

    /** Position {@code t} attends to {@code [0, t]}: {@code O(t·Dh)} per head. */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        core.step(qkv, out, cache, t -> 0);
    }
}

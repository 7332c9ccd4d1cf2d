package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;

/**
 * Global causal self-attention with learned relative positions, computed by the memory-efficient
 * "skew" of the Music Transformer (Huang et al. 2018, §3.4 and §3.4.1), or, for the memory
 * comparison, with the explicit {@code (L, L, Dh)} tensor of Shaw et al. (2018) that the skew replaces
 * ({@link Computation}):
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
 * masked softmax (see {@link SkewedLogits}; the chunk loop is {@link BlockedAttention} with blocks of
 * {@link #CHUNK} rows that look back over every earlier key). Memory per head is
 * {@code O(L² + L·Dh)}: the saved probabilities {@code (L, L)}, two {@code (CHUNK, L)} scratches and
 * two {@code (L, Dh)} gathered tables; no {@code (L, L, Dh)} tensor ever exists (compare
 * {@link PairwiseLogits}).
 */
public final class RelativeAttention extends BlockedAttention {
    /** Rows per causal chunk of the skew: chunk {@code [r0, r1)} only touches keys {@code [0, r1)}. */
    static final int CHUNK = 64;

    private final RelativeTable table;

    public RelativeAttention(AttentionContext context, Spec spec) {
        this(context, spec, RelativeTable.register(context, spec));
    }

    private RelativeAttention(AttentionContext context, Spec spec, RelativeTable table) {
        super(context, spec.computation() == Computation.SKEW ? CHUNK : ALL, ALL, spec.computation() == Computation.SKEW
                ? new SkewedLogits(table, context.precision(), context.headDim())
                : new PairwiseLogits(table, context.precision(), context.headDim()));
        this.table = table;
    }

    /** How the relative logits are computed: the same function and parameters, two memory costs. */
    public enum Computation {
        /**
         * By the memory-efficient skew (§3.4.1, {@link SkewedLogits}) in causal chunks of
         * {@link #CHUNK} rows: no {@code (L, L, Dh)} tensor.
         */
        SKEW,
        /**
         * With the explicit {@code (L, L, Dh)} tensor of Shaw et al. (2018, {@link PairwiseLogits}),
         * all rows in one block: the memory baseline of the skew, not meant for training at length.
         */
        PAIRWISE
    }

    /**
     * The spec of global relative attention.
     *
     * @param maxRelativeDistance rows {@code R} of the relative table; distances {@code ≥ R} share the
     *                            last row. {@code ≤ 0} means the model's {@code maxLength} (no clipping)
     *                            and is stored as {@code 0}.
     * @param sharedAcrossHeads   one table for all heads instead of one per head
     * @param computation         how the logits are computed; {@code null} (a checkpoint that does not
     *                            say) means {@link Computation#SKEW}
     */
    public record Spec(int maxRelativeDistance, boolean sharedAcrossHeads, Computation computation)
            implements RelativeSpec {
        public Spec {
            maxRelativeDistance = Math.max(0, maxRelativeDistance);
            computation = computation == null ? Computation.SKEW : computation;
        }

        /** Computed by the skew. */
        public Spec(int maxRelativeDistance, boolean sharedAcrossHeads) {
            this(maxRelativeDistance, sharedAcrossHeads, Computation.SKEW);
        }

        @Override
        public Attention create(AttentionContext context) {
            return new RelativeAttention(context, this);
        }

        @Override
        public String label() {
            String table = RelativeTable.label(maxRelativeDistance, "maxLength", sharedAcrossHeads);
            return (computation == Computation.SKEW ? "relative(" : "relative-pairwise(") + table + ")";
        }

        /**
         * Skew: saved probabilities {@code B·H·L²}, two {@code c·L} chunk scratches
         * ({@code c = min(CHUNK, L)}) and the gathered table with its gradient {@code 2·L·Dh}; no
         * {@code (L, L, Dh)} tensor. Pairwise: the explicit {@code Rel (L, L, Dh)} tensor and its
         * gradient besides the probabilities and one {@code dP}, {@code B·H·L² + L² + 2·L²·Dh}.
         */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            long l = length;
            return switch (computation) {
                case SKEW -> (long) batch * heads * l * l + 2L * Math.min(CHUNK, l) * l + 2 * l * headDim;
                case PAIRWISE -> ((long) batch * heads + 1) * l * l + 2 * l * l * headDim;
            };
        }
    }

    /** The relative table {@code (H·R, Dh)}, or {@code (R, Dh)} when shared; head {@code h} at rows {@code h·R}. */
    public Param relativeTable() {
        return table.param();
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        return new RelativeCache(precision(), batch, capacity, layout().dModel(), capacity, table.distances());
    }

    /** Position {@code t} attends to {@code [0, t]}: {@code O(t·Dh)} per head. */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        RelativeDecoding.step(qkv, out, cache, layout(), table, scale(), t -> 0);
    }
}

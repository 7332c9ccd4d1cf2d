package org.attentionsuite.music.attention;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;

/**
 * Relative local attention (Huang et al. 2018, §3.5): the sequence is cut into query blocks of
 * {@code blockLength}; block {@code n} (positions {@code [n·Bk, (n+1)·Bk)}) attends to a memory of
 * the previous block and itself, causally masked, so query {@code i} sees keys
 * {@code j ∈ [max(0, ⌊i/Bk⌋·Bk − Bk), i]}. Relative logits have the table semantics of
 * {@link RelativeAttention} ({@code S_rel[i][j] = q_i·E[clip(i − j)]}, distances {@code ≥ R} use
 * the last row) and are computed per block with the same skew over the block's key window of up to
 * {@code 2·Bk} keys ({@link SkewedLogits}, looped over the blocks by {@link BlockedAttention} with
 * {@code lookBack = Bk}). With {@code blockLength ≥ L} this is exactly {@link RelativeAttention}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width,
 * {@code Bk} block length, {@code c ≤ Bk} queries of a block, {@code W = min(L, 2·Bk)} widest key
 * window, {@code w ≤ W} a block's key window, {@code R} table rows. Saved probabilities are
 * {@code (B·H·L, W)}: time and memory {@code O(L·Bk)} per head instead of {@code O(L²)}.
 */
public final class RelativeLocalAttention extends BlockedAttention {
    private final int blockLength;
    private final RelativeTable table;

    public RelativeLocalAttention(AttentionContext context, Spec spec) {
        this(context, spec, RelativeTable.register(context, spec));
    }

    /** Query blocks of {@code Bk}, each against the previous block and itself. */
    private RelativeLocalAttention(AttentionContext context, Spec spec, RelativeTable table) {
        super(context, spec.blockLength(), spec.blockLength(),
                new SkewedLogits(table, context.precision(), context.headDim()));
        this.blockLength = spec.blockLength();
        this.table = table;
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
    public record Spec(int blockLength, int maxRelativeDistance, boolean sharedAcrossHeads) implements RelativeSpec {
        public Spec {
            if (blockLength <= 0) {
                throw new UserError("blockLength (" + blockLength + ") must be positive");
            }
            maxRelativeDistance = Math.max(0, maxRelativeDistance);
        }

        @Override
        public int distances(int maxLength) {
            return RelativeTable.distances(maxRelativeDistance, (int) Math.min(2L * blockLength, maxLength));
        }

        @Override
        public Attention create(AttentionContext context) {
            return new RelativeLocalAttention(context, this);
        }

        @Override
        public String label() {
            return "relative-local(block " + blockLength + ", "
                    + RelativeTable.label(maxRelativeDistance, "2*block", sharedAcrossHeads) + ")";
        }

        /** {@code S = Σ_blocks c·(c + min(q0, Bk))}: linear in {@code L} (Huang et al. 2018, §3.5). */
        @Override
        public long scoreEntries(int length) {
            long s = 0;
            for (int q0 = 0; q0 < length; q0 += blockLength) {
                int c = Math.min(length, q0 + blockLength) - q0;
                s += (long) c * (c + Math.min(q0, blockLength));
            }
            return s;
        }

        /** {@code B·H·L·W + 2·min(Bk, L)·W + 2·W·Dh} with the window {@code W = min(L, 2·Bk)}. */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            long l = length;
            long w = Math.min(l, 2L * blockLength);
            return (long) batch * heads * l * w + 2 * Math.min(blockLength, l) * w + 2 * w * headDim;
        }
    }

    /** The relative table, laid out as in {@link RelativeAttention#relativeTable()}. */
    public Param relativeTable() {
        return table.param();
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        int most = (int) Math.min(capacity, 2L * blockLength);
        return new RelativeCache(precision(), batch, capacity, layout().dModel(), most, table.distances());
    }

    /** Position {@code t} attends to {@code [max(0, ⌊t/Bk⌋·Bk − Bk), t]}: {@code O(Bk·Dh)} per head. */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        RelativeDecoding.step(qkv, out, cache, layout(), table, scale(),
                t -> Math.max(0, t / blockLength * blockLength - blockLength));
    }
}

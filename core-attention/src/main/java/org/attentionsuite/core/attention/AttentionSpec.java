package org.attentionsuite.core.attention;

/**
 * A validated, immutable description of an attention variant (a record per variant). It is part of
 * the model config, serialised into checkpoints under a logical type name (see
 * {@link org.attentionsuite.core.checkpoint.JsonTypes}), builds the runtime {@link Attention}, and
 * carries its own analytic cost model.
 *
 * <p>Cost legend: {@code B} batch, {@code H} heads, {@code Dh} head width, {@code L} length.
 * {@code S} is the number of score entries one (sequence, head) computes: the causal half
 * {@code L(L+1)/2} for the global variants, the sum over query blocks of (block rows x visible
 * keys) for the local ones. Analytic FLOPs count a multiply-add as 2 and leave out the
 * {@code O(S)} softmax: forward {@code = B·H·S·Dh·(4 + 2r)} ({@code Q·Kᵀ} and {@code P·V}, plus
 * {@code r = 1} for the relative logits {@code q_i·E[i − j]}, which the skew does not make
 * cheaper). Analytic memory counts the elements of the arrays a variant allocates itself for one
 * forward and backward (learned tables are parameters and not counted).
 */
public interface AttentionSpec {
    /** Builds the variant for one layer. */
    Attention create(AttentionContext context);

    /** Checks that the variant fits the model's geometry; throws with a clear message if not. */
    default void validate(int maxLength, int dModel, int heads) {
    }

    /** A short human label for tables and charts, e.g. {@code "local2d(8x8, flange 4x4)"}. */
    String label();

    /** {@code S}: score entries of one (sequence, head) at length {@code length}. */
    long scoreEntries(int length);

    /** Whether the variant adds relative logits ({@code r = 1} in the FLOP formula). */
    default boolean relativeLogits() {
        return false;
    }

    /** Elements (not bytes) of the variant's own arrays for one forward and backward. */
    long analyticElements(int batch, int heads, int headDim, int length);

    /** Analytic forward FLOPs, {@code B·H·S·Dh·(4 + 2r)}. */
    default double forwardFlops(int batch, int heads, int headDim, int length) {
        return (double) batch * heads * scoreEntries(length) * headDim * (relativeLogits() ? 6 : 4);
    }

    /** Causal half {@code L(L+1)/2}: the score entries of a global causal variant. */
    static long causalPairs(int length) {
        return (long) length * (length + 1) / 2;
    }
}

package org.attentionsuite.music.attention;

import java.util.function.IntUnaryOperator;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.BlockedAttention;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * What every relative variant holds besides its scratch buffers, and the decoding built from it.
 *
 * @param layout    per-head windows of the fused {@code qkv (B·L, 3D)} input and {@code out (B·L, D)}
 * @param precision of the buffers and the decoding cache
 * @param scale     logit scale {@code 1/√Dh}
 * @param table     the learned relative table {@code (H·R, Dh)} or {@code (R, Dh)}, registered as
 *                  {@code <layer>.relative}
 */
record RelativeCore(QkvLayout layout, Precision precision, double scale, RelativeTable table) {

    /**
     * Validates {@code spec} against the context, then registers a table of {@code distances} rows.
     *
     * @param distances {@code R}, resolved by the spec against the model's {@code maxLength}
     * @param shared    one table for all heads instead of one per head
     */
    static RelativeCore create(AttentionContext context, AttentionSpec spec, int distances, boolean shared) {
        spec.validate(context.maxLength(), context.dModel(), context.heads());
        QkvLayout layout = new QkvLayout(context.dModel(), context.heads());
        return new RelativeCore(layout, context.precision(), 1.0 / Math.sqrt(context.headDim()),
                new RelativeTable(context, distances, shared));
    }

    /** The relative logits of {@link BlockedAttention}'s blocks, by the skew over this core's table. */
    BlockedAttention.Logits skewedLogits() {
        return new SkewedLogits(table, precision, layout.headDim());
    }

    /** A decoding cache of {@code capacity} positions whose steps see at most {@code window} keys. */
    AttentionCache newCache(int batch, int capacity, int window) {
        return new RelativeCache(precision, batch, capacity, layout.dModel(), window, table.distances());
    }

    /**
     * One decoding step ({@link RelativeDecoding#step}).
     *
     * @param windowStart first visible key position for the new position {@code t}
     */
    void step(Mat qkv, Mat out, AttentionCache cache, IntUnaryOperator windowStart) {
        RelativeDecoding.step(qkv, out, cache, layout, table, scale, windowStart);
    }
}

package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Decoding cache of the relative variants: the keys, values and score row of
 * {@link AttentionCache} plus a preallocated row for the per-distance relative logits
 * {@code q·E[d]}, so a step allocates nothing.
 */
final class RelativeCache extends AttentionCache {
    private final Mat relative; // (1, min(window, R))

    /**
     * @param window most keys a step can see ({@code capacity} for global attention)
     * @param distances the table's {@code R}
     */
    RelativeCache(Precision precision, int batch, int capacity, int dModel, int window, int distances) {
        super(precision, batch, capacity, dModel);
        int wnd = Math.min(window, capacity);
        this.relative = Mat.zeros(precision, 1, Math.min(wnd, distances));
    }

    /** Relative logits for distances {@code [0, m)}: {@code (1, m)}. */
    Mat relative(int m) {
        return relative.cols(0, m);
    }
}

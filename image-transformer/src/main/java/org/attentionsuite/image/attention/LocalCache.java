package org.attentionsuite.image.attention;

import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Decoding state of the local variants: the keys and values of {@link AttentionCache} plus
 * per-step scratch sized by the local window {@code m} (never by the capacity), so a step
 * allocates nothing and costs {@code O(m·D)} whatever the sequence length.
 */
final class LocalCache extends AttentionCache {
    /** (1, m) scores, then probabilities, of one head. */
    final Mat scores;
    /** (m, D) memory keys gathered from the cache (2D only; {@code null} for 1D windows). */
    final Mat memoryKeys;
    /** (m, D) memory values gathered from the cache (2D only). */
    final Mat memoryValues;
    /** Key positions scored per sequence and head by the last {@code step} (a cost probe for tests). */
    int lastScored;

    LocalCache(Precision precision, int batch, int capacity, int dModel, int window, boolean gather) {
        super(precision, batch, capacity, dModel);
        this.scores = Mat.zeros(precision, 1, window);                                   // (1, m)
        this.memoryKeys = gather ? Mat.zeros(precision, window, dModel) : null;          // (m, D)
        this.memoryValues = gather ? Mat.zeros(precision, window, dModel) : null;        // (m, D)
    }

    /** The cache handed to {@code step}, which must come from the same variant's {@code newCache}. */
    static LocalCache of(AttentionCache cache, String variant) {
        if (cache instanceof LocalCache c) {
            return c;
        }
        throw new IllegalArgumentException("cache was not created by " + variant + ".newCache");
    }
}

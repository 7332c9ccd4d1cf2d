package org.attentionsuite.core.model;

import java.util.List;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.tensor.Mat;

/**
 * Mutable state of incremental decoding for {@code B} sequences: one attention cache per block,
 * the step buffers, and the next position. The model itself stays immutable while decoding.
 */
public final class DecodingState {
    final List<AttentionCache> caches;
    final List<BlockBuffers> buffers;
    final Mat x;      // (B, D)
    final Mat y;      // (B, D)
    final Mat hf;     // (B, D)
    final Mat logits; // (B, V)
    final org.attentionsuite.core.nn.LayerNorm.Saved finalNorm;
    final int[] conditions;
    int position;

    DecodingState(List<AttentionCache> caches, List<BlockBuffers> buffers, Mat x, Mat y, Mat hf, Mat logits,
            int[] conditions) {
        this.caches = caches;
        this.buffers = buffers;
        this.x = x;
        this.y = y;
        this.hf = hf;
        this.logits = logits;
        this.finalNorm = new org.attentionsuite.core.nn.LayerNorm.Saved(x.rows());
        this.conditions = conditions;
    }

    /** Sequences decoded in parallel. */
    public int batch() {
        return x.rows();
    }

    /** Positions consumed so far (the next token goes to this position). */
    public int position() {
        return position;
    }

    /** Longest sequence this state can hold. */
    public int capacity() {
        return caches.get(0).capacity();
    }
}

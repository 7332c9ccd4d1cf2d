package org.attentionsuite.music.attention;

import org.attentionsuite.core.attention.AttentionSpec;

/**
 * What the specs of the relative variants share: a learned table of {@code R} rows per head (or
 * one shared by all heads) whose size is checked against the model, relative logits in the cost
 * model, and — for the global variants — every causal pair scored and {@code R} resolved against
 * the model's maximum length. Relative local attention overrides the last two.
 */
interface RelativeSpec extends AttentionSpec {
    /** Rows {@code R} of the relative table; {@code 0} means the model's {@code maxLength}. */
    int maxRelativeDistance();

    /** One table for all heads instead of one per head. */
    boolean sharedAcrossHeads();

    /** {@code R} resolved against the model's {@code maxLength}. */
    default int distances(int maxLength) {
        return RelativeTable.distances(maxRelativeDistance(), maxLength);
    }

    @Override
    default void validate(int maxLength, int dModel, int heads) {
        RelativeTable.checkSizable(maxRelativeDistance(), maxLength);
    }

    @Override
    default long scoreEntries(int length) {
        return AttentionSpec.causalPairs(length);
    }

    @Override
    default boolean relativeLogits() {
        return true;
    }
}

package org.attentionsuite.core.attention;

/**
 * A validated, immutable description of an attention variant (a record per variant). It is part of
 * the model config, serialised into checkpoints, and builds the runtime {@link Attention}.
 */
public interface AttentionSpec {
    /** Builds the variant for one layer. */
    Attention create(AttentionContext context);

    /** Checks that the variant fits the model's geometry; throws with a clear message if not. */
    default void validate(int maxLength, int dModel, int heads) {
    }

    /** A short human label for tables and charts, e.g. {@code "local2d(8x8, flange 4x4)"}. */
    String label();
}

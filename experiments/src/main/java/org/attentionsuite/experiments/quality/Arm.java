package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.train.DataSource;

/**
 * One arm of a comparison: an attention variant with its position signal, and the view of the
 * task's data it trains on (identity, or e.g. block-raster order for local 2D attention, which
 * reorders the same examples).
 *
 * @param label     name in tables and charts
 * @param attention the attention of every block
 * @param position  the absolute position signal
 * @param view      how the arm sees the task's data
 */
public record Arm(String label, AttentionSpec attention, PositionSpec position, UnaryOperator<DataSource> view) {
    public Arm {
        if (label == null || label.isBlank()) {
            throw new UserError("an arm needs a label");
        }
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(view, "view");
    }

    /** An arm that trains on the task's data as it is. */
    public static Arm of(String label, AttentionSpec attention, PositionSpec position) {
        return new Arm(label, attention, position, UnaryOperator.identity());
    }
}

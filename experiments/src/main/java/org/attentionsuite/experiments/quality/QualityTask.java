package org.attentionsuite.experiments.quality;

import org.attentionsuite.core.UserError;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.train.DataSource;

/**
 * What a quality comparison trains: the data, the base model and the arms that differ from it only
 * in attention and positions, and how the validation loss is reported.
 *
 * @param name  short name, used in file names ({@code compare-<name>.md})
 * @param data  builds the data once per comparison; every arm sees it through its own view
 * @param base  the model every arm shares (vocabulary, size, maximum length)
 * @param arms  the arms, in table order (unique labels)
 * @param units reporting units, the first one charted
 */
public record QualityTask(String name, Supplier<DataSource> data, ModelConfig base, List<Arm> arms,
        List<LossUnit> units) {
    public QualityTask {
        if (name == null || !name.matches("[a-z0-9-]+")) {
            throw new UserError("task name '" + name + "' must be lower-case letters, digits, dashes");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(base, "base");
        arms = List.copyOf(arms);
        units = List.copyOf(units);
        if (arms.isEmpty() || units.isEmpty()) {
            throw new UserError("task " + name + " needs at least one arm and one unit");
        }
        Set<String> labels = new HashSet<>();
        for (Arm a : arms) {
            if (!labels.add(a.label())) {
                throw new UserError("task " + name + " has two arms labelled " + a.label());
            }
            config(base, a); // fails early, with the spec's message, if an arm does not fit the model
        }
    }

    /** The model of an arm: the base with the arm's attention and positions. */
    public static ModelConfig config(ModelConfig base, Arm arm) {
        return base.withAttention(arm.attention()).withPosition(arm.position());
    }
}

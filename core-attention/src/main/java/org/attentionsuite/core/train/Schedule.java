package org.attentionsuite.core.train;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;

/**
 * The shape of a run's learning-rate schedule ({@code --schedule}); every shape warms up linearly
 * to the peak rate ({@code --lr}) over {@code --warmup} steps.
 */
public enum Schedule {
    /** The domain's own: {@link #COSINE} for images, {@link #INVERSE_SQRT} for music. */
    DEFAULT("default"),
    /**
     * Cosine decay to a tenth of the peak at {@code --steps}: the best model for a fixed budget,
     * but validation keeps improving to the last step, so early stopping rarely fires.
     */
    COSINE("cosine"),
    /**
     * The Transformer's decay, peak · sqrt(warmup / step), whatever the budget: training goes on
     * until validation stops improving ({@code --patience}), {@code --steps} only caps it.
     */
    INVERSE_SQRT("inverse-sqrt");

    private final String id;

    Schedule(String id) {
        this.id = id;
    }

    /** Command-line and config-file name. */
    public String id() {
        return id;
    }

    /** The schedule called {@code id} ({@code --schedule}). */
    public static Schedule byId(String id) {
        for (Schedule s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new UserError("--schedule '" + id + "' is unknown (known: "
                + Arrays.stream(values()).map(Schedule::id).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The rate per step of this shape ({@code fallback} for {@link #DEFAULT}) peaking at
     * {@code peak} after {@code warmup} steps, for a model of width {@code dModel} and a budget of
     * {@code steps}.
     */
    public LearningRateSchedule rates(Schedule fallback, double peak, int warmup, long steps, int dModel) {
        Schedule shape = this == DEFAULT ? fallback : this;
        return switch (shape) {
            case COSINE -> new LearningRateSchedule.Cosine(peak, warmup, steps, peak / 10);
            case INVERSE_SQRT -> new LearningRateSchedule.Noam(dModel, warmup,
                    peak * Math.sqrt(dModel) * Math.sqrt(warmup));   // Noam's factor that peaks at `peak`
            case DEFAULT -> throw new IllegalArgumentException("the fallback schedule must be a shape, not DEFAULT");
        };
    }

    @Override
    public String toString() {
        return id;
    }
}

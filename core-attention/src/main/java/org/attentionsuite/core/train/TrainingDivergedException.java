package org.attentionsuite.core.train;

import java.util.Locale;
import org.attentionsuite.core.UserError;

/**
 * Training diverged: a loss or the gradient norm became non-finite or absurd (above
 * {@link Trainer#absurdLoss}). No update was applied for that step and nothing was saved from the
 * broken model, so {@code last.ckpt} and {@code best.ckpt} keep the last good state, if the run
 * saved one; the session says which ({@link #advising}).
 */
public final class TrainingDivergedException extends UserError {
    private static final long serialVersionUID = 1L;
    private final long step;

    public TrainingDivergedException(long step, String what, double value, double limit) {
        this(step, String.format(Locale.ROOT, "training diverged at step %d: %s is %s%s", step, what, value,
                Double.isFinite(value) ? String.format(Locale.ROOT, " (above %.2f = 4·ln V, four times a uniform "
                        + "guess)", limit) : ""));
    }

    private TrainingDivergedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** This divergence with what to do next, e.g. which checkpoint to resume from. */
    public TrainingDivergedException advising(String advice) {
        TrainingDivergedException e = new TrainingDivergedException(step, getMessage() + "; " + advice);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public long step() {
        return step;
    }
}

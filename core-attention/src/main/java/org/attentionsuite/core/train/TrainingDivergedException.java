package org.attentionsuite.core.train;

import org.attentionsuite.core.UserError;

/** The loss became NaN or infinite; no update was applied for that step. */
public final class TrainingDivergedException extends UserError {
    private final long step;

    public TrainingDivergedException(long step, double loss) {
        super("training diverged at step " + step + ": loss is " + loss
                + " (try a lower learning rate or stronger clipping)");
        this.step = step;
    }

    public long step() {
        return step;
    }
}

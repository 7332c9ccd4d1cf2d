package org.attentionsuite.core.train;

/**
 * Stops a run after {@code patience} evaluations in a row without a new best validation loss (the
 * best checkpoint is kept by {@link CheckpointListener}). The
 * count is part of the run and survives a resume.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private boolean stopped;

    /** @param patience evaluations without improvement before stopping; must be positive */
    public EarlyStopping(int patience) {
        if (patience <= 0) {
            throw new IllegalArgumentException("patience (" + patience + ") must be positive");
        }
        this.patience = patience;
    }

    @Override
    public void onEvaluation(TrainingRun run, EvalReport e) {
        if (run.evaluationsWithoutImprovement() >= patience) {
            stopped = true;
            run.requestStop();
        }
    }

    /** Whether it stopped the run. */
    public boolean stopped() {
        return stopped;
    }
}

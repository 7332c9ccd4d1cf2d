package org.attentionsuite.core.train;

import org.attentionsuite.core.model.DecoderModel;

/**
 * The mutable state of one training run: model, optimizer, progress. A checkpoint is a snapshot of
 * it; resuming rebuilds it and continues from {@link #step()}.
 */
public final class TrainingRun {
    private final DecoderModel model;
    private final Adam optimizer;
    private final TrainConfig config;
    private final String dataFingerprint;
    private long step;
    private double bestValidationLoss = Double.POSITIVE_INFINITY;
    private double lastValidationLoss = Double.NaN;
    private double smoothedLoss = Double.NaN;
    private double elapsedSeconds;
    private int evaluationsWithoutImprovement;
    private boolean stopRequested;

    public TrainingRun(DecoderModel model, TrainConfig config, String dataFingerprint) {
        this.model = model;
        this.optimizer = new Adam(model.params());
        this.config = config;
        this.dataFingerprint = dataFingerprint;
    }

    public DecoderModel model() {
        return model;
    }

    public Adam optimizer() {
        return optimizer;
    }

    public TrainConfig config() {
        return config;
    }

    public String dataFingerprint() {
        return dataFingerprint;
    }

    /** Optimizer steps completed. */
    public long step() {
        return step;
    }

    public double bestValidationLoss() {
        return bestValidationLoss;
    }

    public double lastValidationLoss() {
        return lastValidationLoss;
    }

    /** Restores progress counters (used when loading a checkpoint). */
    public void restore(long completedSteps, double bestLoss) {
        this.step = completedSteps;
        this.bestValidationLoss = bestLoss;
    }

    /** Restores what the progress display and metrics continue from (used when loading a checkpoint). */
    public void restoreProgress(double smoothed, double elapsed, int withoutImprovement) {
        this.smoothedLoss = smoothed;
        this.elapsedSeconds = Math.max(0, elapsed);
        this.evaluationsWithoutImprovement = Math.max(0, withoutImprovement);
    }

    /** Exponential moving average (0.9) of the training loss, continued across resumes. */
    public double smoothedLoss() {
        return smoothedLoss;
    }

    /** Wall time spent training, summed over every session of this run (resumes included). */
    public double elapsedSeconds() {
        return elapsedSeconds;
    }

    /** Evaluations since the best one (0 right after an improvement). */
    public int evaluationsWithoutImprovement() {
        return evaluationsWithoutImprovement;
    }

    /** Asks the loop to stop after the current step (early stopping); the end is handled as usual. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    void advance(double loss, double seconds) {
        step++;
        smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.9 * smoothedLoss + 0.1 * loss;
        elapsedSeconds += seconds;
    }

    boolean recordValidation(double loss) {
        lastValidationLoss = loss;
        if (loss < bestValidationLoss) {
            bestValidationLoss = loss;
            evaluationsWithoutImprovement = 0;
            return true;
        }
        evaluationsWithoutImprovement++;
        return false;
    }
}

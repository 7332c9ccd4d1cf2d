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

    void advance() {
        step++;
    }

    boolean recordValidation(double loss) {
        lastValidationLoss = loss;
        if (loss < bestValidationLoss) {
            bestValidationLoss = loss;
            return true;
        }
        return false;
    }
}

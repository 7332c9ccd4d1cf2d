package org.attentionsuite.image.train;

import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.model.ModelConfig;

/**
 * What {@link ImageTraining#train} did.
 *
 * @param config           the model's architecture
 * @param parameterCount   number of scalar parameters
 * @param trainImages      training images
 * @param validationImages held-out images
 * @param steps            optimizer steps completed (the run's total, resumed steps included)
 * @param evaluations      validation bits/dim after each evaluation of this call, in order
 * @param finalBitsPerDim  validation bits/dim at the last evaluation
 * @param bestBitsPerDim   best validation bits/dim of the run (resumed history included)
 * @param secondsPerStep   mean wall time of one training step (forward, backward, Adam)
 * @param totalSeconds     wall time of the whole call (loading, evaluation and saving included)
 * @param lastCheckpoint   {@code last.ckpt}
 * @param bestCheckpoint   {@code best.ckpt} (or {@code last.ckpt} when this call never improved on a resumed best)
 * @param dataFingerprint  fingerprint of the training and held-out images
 */
public record ImageTrainingResult(ModelConfig config, int parameterCount, int trainImages, int validationImages,
        long steps, List<Evaluation> evaluations, double finalBitsPerDim, double bestBitsPerDim,
        double secondsPerStep, double totalSeconds, Path lastCheckpoint, Path bestCheckpoint, String dataFingerprint) {

    public ImageTrainingResult {
        evaluations = List.copyOf(evaluations);
    }

    /**
     * One validation measurement.
     *
     * @param step       steps completed when it was measured
     * @param bitsPerDim mean negative log-likelihood of the held-out intensities, in bits
     */
    public record Evaluation(long step, double bitsPerDim) {
    }
}

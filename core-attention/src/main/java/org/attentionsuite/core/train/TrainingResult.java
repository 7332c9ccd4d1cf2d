package org.attentionsuite.core.train;

import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;

/**
 * What a {@link TrainingSession} measured.
 *
 * @param config             the trained model's architecture
 * @param tokens             what its token ids mean
 * @param parameters         parameter count
 * @param steps              optimizer steps completed in all (resumed ones included)
 * @param evaluations        the evaluations of this session
 * @param bestValidationLoss best validation loss of the run, nats per target
 * @param lastValidationLoss the latest validation loss, nats per target
 * @param stoppedEarly       whether early stopping ended the run before its step budget
 * @param secondsPerStep     mean wall time of this session's steps
 * @param totalSeconds       wall time of this session, data loading included
 * @param best               {@code best.ckpt}
 * @param last               {@code last.ckpt}
 * @param dataFingerprint    fingerprint of the training data
 * @param data               the data source it trained on (for units that depend on it)
 */
public record TrainingResult(ModelConfig config, TokenScheme tokens, int parameters, long steps,
        List<EvalReport> evaluations, double bestValidationLoss, double lastValidationLoss, boolean stoppedEarly,
        double secondsPerStep, double totalSeconds, Path best, Path last, String dataFingerprint, DataSource data) {
    public TrainingResult {
        evaluations = List.copyOf(evaluations);
    }

    /** {@code loss} in the task's unit. */
    public double inUnit(double natsPerTarget) {
        return tokens.lossUnit().convert(natsPerTarget, data.validationBatches());
    }
}

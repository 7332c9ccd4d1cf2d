package org.attentionsuite.core.train;

import java.io.PrintStream;
import org.attentionsuite.core.model.ModelConfig;

/**
 * What a domain (images, music, a comparison arm) tells the {@link TrainingSession} beyond its
 * {@link TrainingPlan}: how to open the data and build the schedule for the model that will train.
 * Everything else — the run folder, resuming, checkpoints, metrics, divergence, early stopping,
 * the result — is the session's.
 */
public interface TrainingTask {
    /** The run's options. */
    TrainingPlan plan();

    /**
     * Opens the data for {@code model} (the checkpoint's model when resuming), printing a summary
     * and warnings (unusable files) to {@code log}.
     */
    DataSource openData(ModelConfig model, PrintStream log);

    /** The training config for {@code model} (a schedule may depend on its width). */
    TrainConfig trainConfig(ModelConfig model);

    /** The options that size the run, named when it cannot fit in memory, e.g. {@code "--batch 8, --size 28"}. */
    String sizeOptions(ModelConfig model);

    /** A validation loss in the task's unit(s), e.g. {@code "0.5123 nats/token (0.5201 nats/note)"}. */
    default String describeLoss(double natsPerTarget, DataSource data) {
        return plan().tokens().lossUnit().format(natsPerTarget, data.validationBatches());
    }
}

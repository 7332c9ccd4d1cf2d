package org.attentionsuite.music.train;

import java.io.PrintStream;
import java.util.List;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.core.train.TrainingTask;

/**
 * Trains a Music Transformer: the music task of the core's {@link TrainingSession} (run folder,
 * resuming, checkpoints, metrics, divergence and early stopping are the session's). When resuming,
 * the data is cut into windows of the checkpoint's length.
 */
public final class MusicTraining {
    private MusicTraining() {
    }

    /**
     * Trains as {@code options} say; progress goes to {@code log} (standard error for a user), and
     * {@code listeners} add behaviour (e.g. a loss chart).
     */
    public static TrainingResult train(MusicTrainingOptions options, PrintStream log, List<TrainingListener> listeners) {
        return TrainingSession.run(task(options), log, listeners);
    }

    /** The session task of {@code options}: what {@link #train} runs (a comparison also times its steps). */
    public static TrainingTask task(MusicTrainingOptions options) {
        return new Task(options);
    }

    /** Music training as a session task. */
    record Task(MusicTrainingOptions plan) implements TrainingTask {
        @Override
        public DataSource openData(ModelConfig model, PrintStream log) {
            int length = model.maxLength();
            if (length != plan.length()) {
                log.println("note: training on windows of " + length + " tokens, the checkpoint's length (not "
                        + plan.length() + ")");
            }
            MusicData data = plan.source().open(length, plan.training().batch(), plan.split(),
                    w -> log.println("warning: " + w));
            if (plan.transpose() > 0 && data instanceof ChoraleData chorales) {
                data = chorales.withTransposition(plan.transpose());
            }
            log.println("data: " + data.summary());
            return data;
        }

        @Override
        public TrainConfig trainConfig(ModelConfig model) {
            return MusicTrainingOptions.TRAINING_DEFAULTS.trainConfig(plan.training(), model.dModel());
        }

        @Override
        public String sizeOptions(ModelConfig model) {
            return "--batch " + plan.training().batch() + ", --length " + model.maxLength() + ", --d-model "
                    + model.dModel() + ", --layers " + model.layers();
        }

        @Override
        public String describeLoss(double natsPerTarget, DataSource data) {
            return ((MusicData) data).describeLoss(natsPerTarget);
        }
    }
}

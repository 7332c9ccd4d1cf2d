package org.attentionsuite.image.train;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.core.train.TrainingTask;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageModels;

/**
 * Trains an Image Transformer (Parmar et al. 2018) on real images, reporting validation bits/dim
 * (§4, Tables 1–2): the image task of the core's {@link TrainingSession}, which owns the run
 * folder, resuming, checkpoints, metrics, divergence and early stopping.
 *
 * <p>Schedule: linear warm-up over {@code --warmup} steps to the peak rate, then cosine decay to a
 * tenth of it at {@code --steps}; evaluation every {@code --eval-every} steps and at the end
 * (defaults: {@link ImageTrainingOptions#TRAINING_DEFAULTS}).
 */
public final class ImageTraining {
    private ImageTraining() {
    }

    /**
     * Trains as {@code options} say; progress goes to {@code log} (standard error for a user), and
     * {@code listeners} add behaviour (e.g. a loss chart).
     */
    public static TrainingResult train(ImageTrainingOptions options, PrintStream log, List<TrainingListener> listeners) {
        return TrainingSession.run(task(options), log, listeners);
    }

    /** The session task of {@code options}: what {@link #train} runs (a comparison also times its steps). */
    public static TrainingTask task(ImageTrainingOptions options) {
        return new Task(options);
    }

    /**
     * The images of {@code options} (fitted to the model's order): the training and validation parts
     * of its split; the test part is left out.
     */
    public static ImageData load(ImageTrainingOptions options, ModelConfig model) {
        return data(options, split(options), model);
    }

    /** The three parts of the images of {@code options}. */
    private static ImageSplit.Parts split(ImageTrainingOptions options) {
        return options.split().apply(options.source().load(options.size(), options.size(), options.channels()));
    }

    private static ImageData data(ImageTrainingOptions options, ImageSplit.Parts parts, ModelConfig model) {
        return new ImageData(parts.train(), parts.validation(), ImageModels.order(model), options.training().batch())
                .withFlips(options.flips()).withClassConditions(options.conditional());
    }

    /** Image training as a session task. */
    record Task(ImageTrainingOptions plan) implements TrainingTask {
        @Override
        public DataSource openData(ModelConfig model, PrintStream log) {
            ImageSplit.Parts parts = split(plan);
            ImageData data = data(plan, parts, model);
            log.printf(Locale.ROOT, "data: %s, %s; %d training, %d validation and %d test images (split seed %d)%n",
                    plan.source().label(), data.order().label(), parts.train().count(), parts.validation().count(),
                    parts.test().count(), plan.split().seed());
            return data;
        }

        @Override
        public TrainConfig trainConfig(ModelConfig model) {
            return ImageTrainingOptions.TRAINING_DEFAULTS.trainConfig(plan.training(), model.dModel());
        }

        @Override
        public String sizeOptions(ModelConfig model) {
            return "--batch " + plan.training().batch() + ", --size " + plan.size() + ", --channels "
                    + plan.channels() + " (" + model.maxLength() + " tokens per image), --d-model "
                    + model.dModel() + ", --layers " + model.layers();
        }
    }
}

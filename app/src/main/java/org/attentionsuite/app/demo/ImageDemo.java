package org.attentionsuite.app.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.sample.CompletionOptions;
import org.attentionsuite.image.sample.ImageCompletion;
import org.attentionsuite.image.sample.ImageCompletions;
import org.attentionsuite.image.sample.ImageSampler;
import org.attentionsuite.image.sample.ImageSamples;
import org.attentionsuite.image.sample.ImageSamplingOptions;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageData;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;

/**
 * The Image Transformer part of the demo: a tiny local-2D model (d 64, 2 layers, 4 heads; the
 * catalogue's query blocks 7x7 and flanges) on the bundled Fashion-MNIST subset downscaled to 14x14, then
 * a 4x4 grid of samples and the completion of 4 held-out images (two completions each).
 */
public final class ImageDemo {
    /** Image side after downscaling (28 → 14 averages 2x2 blocks). */
    static final int SIDE = 14;

    private ImageDemo() {
    }

    /** Trains, samples and completes; returns the sample grid, the completion grid and the best checkpoint. */
    public static List<Path> run(Path dir, int steps, long seed) {
        long t0 = System.nanoTime();
        ImageTrainingOptions options = ImageTrainingOptions.of(new ImageSource.Bundled(), SIDE, 1, dir)
                .withAttention(ImageAttention.LOCAL2D).withModel(ModelSize.micro())
                .withTraining(new TrainingOptions(steps, 8, 3e-3, 0, 0, 0, seed)).withSplit(ImageSplit.of(0, 128))
                .withRun(new RunOptions(dir, new Start.Overwrite(), "./suite demo --train --steps " + steps + " --seed "
                        + seed, null));
        System.err.println("[image] training a tiny Image Transformer on " + SIDE + "x" + SIDE
                + " Fashion-MNIST (bundled subset)");
        TrainingResult trained = ImageTraining.train(options, System.err, List.of());
        TrainedImageModel model = TrainedImageModel.load(trained.best());

        String command = "./suite demo --steps " + steps + " --seed " + seed;
        ImageSamples samples = ImageSampler.sample(model, ImageSamplingOptions.of(16, seed, dir.resolve("samples"))
                .withCommand(command));
        ImageSet heldOut = ((ImageData) trained.data()).heldOut().subset(0, 4);
        ImageCompletions completions = ImageCompletion.complete(model, heldOut,
                CompletionOptions.of(seed, dir).withPerImage(2).withCommand(command));
        System.err.printf(Locale.ROOT, "[image] validation %.3f bits/dim (best %.3f) after %d steps, %.3f s/step; "
                + "image demo took %.1f s%n", trained.inUnit(trained.lastValidationLoss()),
                trained.inUnit(trained.bestValidationLoss()), trained.steps(), trained.secondsPerStep(),
                (System.nanoTime() - t0) / 1e9);
        return List.of(samples.grid(), completions.grid(), trained.best());
    }
}

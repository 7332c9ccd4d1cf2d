package org.attentionsuite.image.train;

import org.attentionsuite.core.UserError;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointListener;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.ProgressLine;
import org.attentionsuite.core.train.StepReport;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.BitsPerDim;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;

/**
 * Trains an Image Transformer (Parmar et al. 2018) on real images and reports validation
 * bits/dim (§4, Tables 1–2). Progress goes to standard error ({@link ProgressLine}); checkpoints
 * ({@code last.ckpt}, {@code best.ckpt}) to the options' folder ({@link CheckpointListener}).
 *
 * <p>Schedule: linear warm-up over {@code min(200, steps/10)} steps to the peak rate, then cosine
 * decay to a tenth of it. Evaluation every {@code max(1, min(500, steps/5))} steps and at the end.
 */
public final class ImageTraining {
    private ImageTraining() {
    }

    /** Trains as {@code options} say and returns the measured result. */
    public static ImageTrainingResult train(ImageTrainingOptions options) {
        long t0 = System.nanoTime();
        PrintStream log = System.err;
        ImageData data = load(options);
        ModelConfig config = ImageModels.config(options.size(), options.size(), options.channels(),
                options.attention(), options.model(), options.conditional());
        long steps = options.steps();
        int warmup = (int) Math.min(200, Math.max(1, steps / 10));
        TrainConfig tc = TrainConfig.of(steps, new LearningRateSchedule.Cosine(options.learningRate(), warmup, steps,
                options.learningRate() / 10), options.seed()).withEvalEvery((int) Math.max(1, Math.min(500, steps / 5)));
        TrainingRun run = options.resume() == null
                ? new TrainingRun(new DecoderModel(config, Precision.FLOAT32, options.seed()), tc, data.fingerprint())
                : resume(options.resume(), config, tc, data, log);
        log.printf(Locale.ROOT, "[image] %d-parameter model, %s, attention %s; %d training and %d held-out images%n",
                run.model().parameterCount(), data.order().label(), config.attention().label(), data.train().count(),
                data.heldOut().count());

        BitsLog bits = new BitsLog(log);
        CheckpointListener checkpoints = new CheckpointListener(options.out(), options.describe());
        new Trainer().listen(ProgressLine.console()).listen(bits).listen(checkpoints).train(run, data);

        Path best = Files.isRegularFile(checkpoints.best()) ? checkpoints.best() : checkpoints.last();
        double last = bits.evaluations.isEmpty() ? Double.NaN
                : bits.evaluations.get(bits.evaluations.size() - 1).bitsPerDim();
        return new ImageTrainingResult(run.model().config(), run.model().parameterCount(), data.train().count(),
                data.heldOut().count(), run.step(), bits.evaluations, last,
                BitsPerDim.fromNats(run.bestValidationLoss()), bits.stepSeconds / Math.max(1, bits.steps),
                (System.nanoTime() - t0) / 1e9, checkpoints.last(), best, data.fingerprint());
    }

    /** The images of {@code options}, split into training and held-out parts, as batches for the model. */
    public static ImageData load(ImageTrainingOptions options) {
        ImageSet all = options.source().load(options.size(), options.size(), options.channels());
        if (options.imageLimit() > 0 && options.imageLimit() < all.count()) {
            all = all.subset(0, options.imageLimit());
        }
        ImageSet.Split split = ImageData.split(all, heldOutCount(all.count(), options.validationImages()));
        return new ImageData(split.first(), split.second(), options.order(), options.batch())
                .withFlips(options.flips()).withClassConditions(options.conditional());
    }

    /** {@code min(requested, max(1, n/5))}: at most a fifth of the images are held out. */
    public static int heldOutCount(int images, int requested) {
        return Math.min(requested, Math.max(1, images / 5));
    }

    private static TrainingRun resume(Path file, ModelConfig requested, TrainConfig tc, ImageData data,
            PrintStream log) {
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32, tc);
        ModelConfig saved = loaded.model().config();
        ImageOrder order = ImageModels.order(saved);
        if (!order.equals(data.order()) || (saved.conditionClasses() > 0) != (requested.conditionClasses() > 0)) {
            throw new UserError(file + " was trained on " + order.label()
                    + (saved.conditionClasses() > 0 ? " class-conditional" : "") + " images; the options ask for "
                    + data.order().label() + (requested.conditionClasses() > 0 ? " class-conditional" : ""));
        }
        if (!saved.equals(requested)) {
            log.println("[image] note: resuming the checkpoint's architecture (" + saved.attention().label() + ", d "
                    + saved.dModel() + ", heads " + saved.heads() + ", layers " + saved.layers()
                    + "); model-size options are ignored");
        }
        if (loaded.run().step() >= tc.steps()) {
            throw new UserError(file + " is already at step " + loaded.run().step()
                    + "; give --steps above that to continue training");
        }
        if (!loaded.run().dataFingerprint().equals(data.fingerprint())) {
            log.println("[image] note: the data differs from the data the checkpoint was trained on");
        }
        log.printf(Locale.ROOT, "[image] resuming %s at step %d%n", file, loaded.run().step());
        return loaded.run();
    }

    /** Prints validation bits/dim at each evaluation, keeps them, and sums the step times. */
    private static final class BitsLog implements TrainingListener {
        final List<ImageTrainingResult.Evaluation> evaluations = new ArrayList<>();
        final PrintStream log;
        double stepSeconds;
        long steps;

        BitsLog(PrintStream log) {
            this.log = log;
        }

        @Override
        public void onStep(TrainingRun run, StepReport report) {
            stepSeconds += report.seconds();
            steps++;
        }

        @Override
        public void onEvaluation(TrainingRun run, EvalReport e) {
            double bpd = BitsPerDim.fromNats(e.loss());
            evaluations.add(new ImageTrainingResult.Evaluation(e.step(), bpd));
            log.printf(Locale.ROOT, "[image] step %d: validation %.4f bits/dim (best %.4f), %.3f s/step%n", e.step(),
                    bpd, BitsPerDim.fromNats(e.bestLoss()), stepSeconds / Math.max(1, steps));
            log.flush();
        }
    }
}

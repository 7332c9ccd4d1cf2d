package org.attentionsuite.music.train;

import org.attentionsuite.core.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointListener;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.ProgressLine;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Trains a Music Transformer: opens the data, builds (or resumes) the model, and runs the core's
 * {@link Trainer} with a progress line, evaluation every {@code evalEvery} steps and checkpoints
 * ({@code last.ckpt} at every evaluation and at the end, {@code best.ckpt} whenever validation
 * improves). A checkpoint is enough to generate: its vocabulary tells performance from chorale
 * models.
 */
public final class MusicTraining {
    private MusicTraining() {
    }

    /** {@link #train(MusicTrainingOptions, PrintStream)} reporting to standard error. */
    public static MusicTrainingResult train(MusicTrainingOptions options) {
        return train(options, System.err);
    }

    /**
     * Runs the training described by {@code options}; progress and evaluations go to {@code log}.
     *
     * @throws IllegalArgumentException if the options or a resumed checkpoint do not fit the data
     * @throws org.attentionsuite.music.MusicDataException naming the file if the data is unusable
     * @throws org.attentionsuite.core.checkpoint.CheckpointException naming the file if the
     *     checkpoint to resume cannot be read
     */
    public static MusicTrainingResult train(MusicTrainingOptions options, PrintStream log) {
        long start = System.nanoTime();
        DecoderModel resumed = null;
        TrainingRun previous = null;
        int length = options.length();
        if (options.resume().isPresent()) {
            Path file = options.resume().get();
            Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
            previous = loaded.run();
            resumed = loaded.model();
            ModelConfig c = resumed.config();
            MusicEncoding enc = MusicEncoding.forVocabulary(c.vocabSize(), file);
            if (enc != options.source().encoding()) {
                throw new UserError(file + ": a " + enc.name().toLowerCase(Locale.ROOT)
                        + " model cannot be trained on " + options.source().encoding().name().toLowerCase(Locale.ROOT)
                        + " data (" + options.source() + ")");
            }
            if (length != c.maxLength()) {
                log.println("note: training on windows of " + c.maxLength() + " tokens, the length of " + file
                        + " (not " + length + ")");
                length = c.maxLength();
            }
            if (previous.step() >= options.steps()) {
                throw new UserError(file + ": already trained for " + previous.step()
                        + " steps; ask for more --steps (total, including those)");
            }
            log.println("resuming " + file + " at step " + previous.step() + " (model from the checkpoint: "
                    + c.attention().label() + ", d_model " + c.dModel() + ", " + c.layers() + " layers)");
        }

        MusicData data = options.source().open(length, options.batch(), w -> log.println("warning: " + w));
        log.println("data: " + data.summary());

        DecoderModel model = resumed != null ? resumed
                : new DecoderModel(MusicModels.config(data.encoding(), options.attention(), options.size(), length),
                        Precision.FLOAT32, options.seed());
        int d = model.config().dModel();
        double factor = options.learningRate() * Math.sqrt(d) * Math.sqrt(options.warmupSteps());  // peak at warmup
        LearningRateSchedule schedule = new LearningRateSchedule.Noam(d, options.warmupSteps(), factor);
        TrainConfig tc = TrainConfig.of(options.steps(), schedule, options.seed()).withEvalEvery(options.evalEvery());
        TrainingRun run = new TrainingRun(model, tc, data.fingerprint());
        if (previous != null) {
            run.optimizer().firstMoments().copyFrom(previous.optimizer().firstMoments());
            run.optimizer().secondMoments().copyFrom(previous.optimizer().secondMoments());
            run.restore(previous.step(), previous.bestValidationLoss());
            if (!data.fingerprint().equals(previous.dataFingerprint())) {
                log.println("warning: " + options.resume().get() + " was trained on other data ("
                        + previous.dataFingerprint() + ", now " + data.fingerprint() + ")");
            }
        }
        log.printf("model: %,d parameters, %s attention, %s%n", model.parameterCount(),
                model.config().attention().label(), describe(model.config()));

        try {
            Files.createDirectories(options.outDir());
        } catch (IOException e) {
            throw new UncheckedIOException(options.outDir() + ": cannot create folder (" + e.getMessage() + ")", e);
        }
        CheckpointListener checkpoints = new CheckpointListener(options.outDir(), options.commandLine());
        List<EvalReport> evaluations = new ArrayList<>();
        TrainingListener evalLog = new TrainingListener() {
            @Override
            public void onEvaluation(TrainingRun r, EvalReport e) {
                evaluations.add(e);
                if (data instanceof ChoraleData) {                   // the progress line shows nats/token only
                    log.println("  validation " + data.describeLoss(e.loss()) + " at step " + e.step());
                }
            }
        };
        ProgressLine progress = log == System.err ? ProgressLine.console() : new ProgressLine(log, false, 25);
        new Trainer().listen(progress).listen(evalLog).listen(checkpoints).train(run, data);

        Path best = Files.isRegularFile(checkpoints.best()) ? checkpoints.best() : checkpoints.last();
        OptionalDouble perNote = data instanceof ChoraleData c
                ? OptionalDouble.of(c.natsPerNote(run.bestValidationLoss())) : OptionalDouble.empty();
        return new MusicTrainingResult(best, checkpoints.last(), model.config(), model.parameterCount(),
                data.encoding(), run.step(), run.bestValidationLoss(), run.lastValidationLoss(), perNote, evaluations,
                data.summary(), (System.nanoTime() - start) / 1e9);
    }

    private static String describe(ModelConfig c) {
        return "d_model " + c.dModel() + ", " + c.heads() + " heads, " + c.layers() + " layers, ffn " + c.ffnDim()
                + ", length " + c.maxLength() + ", positions " + c.position().label();
    }
}

package org.attentionsuite.core.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.OutputFolder;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.tensor.Precision;

/**
 * One way to train: every training of the suite ({@code image train}, {@code music train}, each
 * arm of {@code compare}) is a {@link TrainingTask} run by this session, which
 * <ol>
 *   <li>opens the run folder ({@link OutputFolder}: checked, locked, cleaned before the first step);</li>
 *   <li>refuses to start a fresh run over an earlier run's checkpoints unless asked to
 *       {@link Start.Overwrite overwrite} (whose files are removed only after every check below,
 *       so a refused run keeps them) or {@link Start.Resume resume}; when resuming, checks
 *       that the checkpoint holds the same kind of data ({@link org.attentionsuite.core.model.TokenScheme})
 *       and continues its model, optimizer, counters, smoothed loss and metrics exactly;</li>
 *   <li>estimates the memory of the configuration before allocating anything ({@link MemoryEstimate});</li>
 *   <li>trains with the progress line, {@code metrics.jsonl} ({@link MetricsLog}),
 *       {@code best.ckpt}/{@code last.ckpt} ({@link CheckpointListener}), optional early stopping
 *       ({@link EarlyStopping}) and the caller's listeners (charts); divergence stops it
 *       ({@link Trainer});</li>
 *   <li>returns a {@link TrainingResult}.</li>
 * </ol>
 */
public final class TrainingSession {
    /** Files of a run that {@link Start.Overwrite} removes. */
    static final List<String> RUN_FILES = List.of(CheckpointListener.BEST, CheckpointListener.LAST, MetricsLog.FILE,
            "loss.png");

    /** Sequences per micro-batch: each replica computes one sequence's gradient at a time. */
    public static final int MICRO_BATCH = 1;

    private TrainingSession() {
    }

    /**
     * Runs {@code task} into its run folder, stopping early after its patience (if any); progress
     * goes to {@code log}, extra behaviour to {@code listeners}.
     */
    public static TrainingResult run(TrainingTask task, PrintStream log, List<TrainingListener> listeners) {
        long t0 = System.nanoTime();
        TrainingPlan plan = task.plan();
        RunOptions run = plan.run();
        int patience = plan.training().patience();
        try (OutputFolder folder = OutputFolder.open(run.out(), run.command())) {
            Checkpoint.Loaded resumed = prepare(folder, task, run);
            ModelConfig config = resumed != null ? resumed.model().config() : plan.modelConfig();
            if (resumed != null && !config.equals(plan.modelConfig())) {
                log.println("note: continuing the checkpoint's model (" + describe(config)
                        + "); model-size options are ignored");
            }
            TrainConfig tc = task.trainConfig(config);
            if (resumed != null && resumed.step() >= tc.steps()) {
                throw new UserError(resumed.file() + " is already at step " + resumed.step()
                        + "; give --steps above that to continue training");
            }
            MemoryEstimate.training(config, plan.training().batch(), MICRO_BATCH, run.workers().count(),
                    Precision.FLOAT32).check(task.sizeOptions(config) + ", --workers " + run.workers().count(),
                    MemoryEstimate.available());
            DataSource data = task.openData(config, log);

            TrainingRun state;
            if (resumed == null) {
                DecoderModel model = new DecoderModel(config, Precision.FLOAT32, tc.seed());
                if (run.init() != null) {
                    startFrom(run.init(), model, plan.tokens(), log);
                }
                state = new TrainingRun(model, tc, data.fingerprint());
            } else {
                LearningRateSchedule before = TrainingCheckpoint.config(resumed).schedule();
                if (before.getClass() != tc.schedule().getClass()) {
                    log.println("note: " + resumed.file() + " was trained with the " + before.shape()
                            + " schedule; continuing with " + tc.schedule().shape() + " (--schedule)");
                }
                state = TrainingCheckpoint.continueRun(resumed, tc);
                if (!state.dataFingerprint().equals(data.fingerprint())) {
                    log.println("warning: " + resumed.file() + " was trained on other data (" + state.dataFingerprint()
                            + ", now " + data.fingerprint() + ")");
                }
                log.printf(Locale.ROOT, "resuming %s at step %d%n", resumed.file(), state.step());
            }
            if (run.start() instanceof Start.Overwrite) {
                removeEarlierRun(folder);                      // only now: a refusal above keeps the earlier run
            }
            log.printf(Locale.ROOT, "model: %,d parameters, %s%n", state.model().parameterCount(), describe(config));

            List<EvalReport> evaluations = new ArrayList<>();
            if (patience < 0) {
                throw new UserError("--patience (" + patience + ") must be >= 0");
            }
            EarlyStopping early = patience > 0 ? new EarlyStopping(patience) : null;
            CheckpointListener checkpoints = new CheckpointListener(folder.dir(),
                    new Checkpoint.RunRecord(plan.tokens(), run.command(), run.options()));
            double[] stepSeconds = new double[1];
            long[] steps = new long[1];
            Trainer trainer = new Trainer()
                    .listen(ProgressLine.on(log, v -> task.describeLoss(v, data)))
                    .listen(new MetricsLog(folder.dir(), plan.tokens().lossUnit(), data.validationBatches(),
                            resumed == null ? 0 : state.step()))
                    .listen(checkpoints)
                    .listen(new TrainingListener() {
                        @Override
                        public void onStep(TrainingRun r, StepReport s) {
                            stepSeconds[0] += s.seconds();
                            steps[0]++;
                        }

                        @Override
                        public void onEvaluation(TrainingRun r, EvalReport e) {
                            evaluations.add(e);
                        }
                    });
            if (early != null) {
                trainer.listen(early);
            }
            listeners.forEach(trainer::listen);
            log.printf(Locale.ROOT, "workers: %s%n", run.workers().describe());
            try (Replicas replicas = run.workers().open(state.model(), MICRO_BATCH)) {
                try {
                    trainer.train(state, data, replicas);
                } catch (TrainingDivergedException e) {
                    throw e.advising(Files.exists(checkpoints.last())
                            ? "the checkpoints keep the last good state (resume from " + checkpoints.last()
                                    + " with a lower --lr)"
                            : "nothing was saved before it; start again with a lower --lr");
                }
            }
            if (early != null && early.stopped()) {
                log.printf(Locale.ROOT, "stopped early at step %d: %d evaluations without improvement (best %s)%n",
                        state.step(), patience, task.describeLoss(state.bestValidationLoss(), data));
            }
            return new TrainingResult(config, plan.tokens(), state.model().parameterCount(), state.step(), evaluations,
                    state.bestValidationLoss(), state.lastValidationLoss(), early != null && early.stopped(),
                    stepSeconds[0] / Math.max(1, steps[0]), (System.nanoTime() - t0) / 1e9, checkpoints.best(),
                    checkpoints.last(), data.fingerprint(), data);
        }
    }

    /**
     * Sets {@code model}'s weights to those of {@code checkpoint}, which must hold the same model for
     * the same tokens, except perhaps for its maximum length when no weight depends on it (a model
     * without learned positions whose relative tables keep their rows goes on to longer windows).
     */
    private static void startFrom(Path checkpoint, DecoderModel model, TokenScheme tokens, PrintStream log) {
        Checkpoint.Loaded init = Checkpoint.load(checkpoint, Precision.FLOAT32);
        if (!init.tokens().equals(tokens)) {
            throw new UserError(checkpoint + ": --init needs a model of " + tokens.label() + "; it holds one of "
                    + init.tokens().label());
        }
        ModelConfig held = init.model().config();
        int n = model.params().size();
        if (!held.withMaxLength(model.config().maxLength()).equals(model.config())
                || init.model().params().size() != n) {
            throw new UserError(checkpoint + ": --init needs the model the options describe (" + describe(model.config())
                    + "); it holds " + describe(held)
                    + (held.maxLength() == model.config().maxLength() ? "" : ", whose weights depend on its length"));
        }
        model.params().values().mat(0, 1, n).copyFrom(init.model().params().values().mat(0, 1, n));
        log.printf(Locale.ROOT, "initial weights: %s (step %,d of its run), new optimizer from step 0%n", checkpoint,
                init.step());
    }

    /** Applies the start rule to the folder; returns the checkpoint to resume, or null. */
    private static Checkpoint.Loaded prepare(OutputFolder folder, TrainingTask task, RunOptions run) {
        if (run.start() instanceof Start.Resume r) {
            Checkpoint.Loaded loaded = Checkpoint.load(r.checkpoint(), Precision.FLOAT32);
            loaded.training();                                         // weights-only files cannot resume
            if (!loaded.tokens().equals(task.plan().tokens())) {
                throw new UserError(r.checkpoint() + ": was trained on " + loaded.tokens().label()
                        + ", but the options describe " + task.plan().tokens().label());
            }
            return loaded;
        }
        if (run.start() instanceof Start.Overwrite) {
            return null;                                       // removed once every check before the first step passed
        }
        List<String> found = existing(folder);
        if (!found.isEmpty()) {
            throw new UserError(run.out() + ": holds an earlier run (" + String.join(", ", found)
                    + "); pass --resume to continue it or --overwrite to replace it");
        }
        return null;
    }

    /** Removes the files of the run that {@link Start.Overwrite} replaces. */
    private static void removeEarlierRun(OutputFolder folder) {
        for (String name : RUN_FILES) {
            try {
                Files.deleteIfExists(folder.resolve(name));
            } catch (IOException e) {
                throw new UserError(folder.resolve(name) + ": cannot remove it to overwrite the run ("
                        + e.getMessage() + ")", e);
            }
        }
    }

    private static List<String> existing(OutputFolder folder) {
        List<String> out = new ArrayList<>();
        for (String name : List.of(CheckpointListener.BEST, CheckpointListener.LAST)) {
            if (Files.exists(folder.resolve(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static String describe(ModelConfig c) {
        return String.format(Locale.ROOT, "attention %s, positions %s, d_model %d, %d heads, %d layers, ffn %d, "
                        + "length %d, dropout %s%s", c.attention().label(), c.position().label(), c.dModel(), c.heads(),
                c.layers(), c.ffnDim(), c.maxLength(), c.dropout(),
                c.conditionClasses() > 0 ? ", " + c.conditionClasses() + " classes" : "");
    }
}

package org.attentionsuite.experiments.quality;

import com.google.gson.ExclusionStrategy;
import com.google.gson.FieldAttributes;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.attentionsuite.core.Rethrow;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.CheckpointListener;
import org.attentionsuite.core.train.MemoryEstimate;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.experiments.report.FiniteJson;
import org.attentionsuite.experiments.report.LossCharts;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.train.MusicSource;

/**
 * Runs a {@link Comparison}: every arm for every seed, one after the other or several at a time
 * ({@code jobs}), each into its own run folder {@code <runs>/<arm>/seed-<n>} with its metrics,
 * chart and checkpoints; scores each best checkpoint on the test split; then times a step of
 * every arm back to back ({@link StepTiming}), the fair time per step on a machine whose load
 * changes over hours. Every run, its test score and the timing compute on the same workers
 * (threads of one BLAS thread each), whatever {@code jobs}: a run's numbers depend neither on the
 * workers nor on what ran beside it, and the timing matches the runs. A finished
 * run leaves {@code run.json} (its options as JSON, in the form {@link #optionsOf} gives, and its
 * result); running the comparison again reuses finished runs whose options are unchanged, so an
 * interrupted comparison continues where it stopped.
 */
public final class ComparisonRunner {
    /** The record of a finished run in its folder. */
    static final String RUN_FILE = "run.json";
    /** A run's progress when runs train side by side ({@code --jobs} above 1). */
    static final String TRAIN_LOG = "train.log";
    /** The options of the run a folder holds, written as it starts: an unfinished run of them is continued. */
    static final String OPTIONS_FILE = "options.json";
    /** Back-to-back timings of every arm, rounds in each, and steps of each arm per round. */
    static final int TIMING_REPEATS = 5;
    static final int TIMING_ROUNDS = 7;
    static final int TIMING_STEPS = 3;
    /** BLAS threads of every run, worker and timing. */
    static final int THREADS = 1;
    private static final Gson GSON = FiniteJson.pretty();
    /**
     * The options of a run as {@code run.json} records them: the options record's fields by name,
     * data sources and paths by their labels; where the run goes ({@code run}) is left out, as the
     * record sits in the run's folder.
     */
    private static final Gson OPTIONS = new GsonBuilder()
            .registerTypeHierarchyAdapter(ImageSource.class, labelled(ImageSource::label))
            .registerTypeHierarchyAdapter(MusicSource.class, labelled(MusicSource::toString))
            .registerTypeHierarchyAdapter(Path.class, labelled(Path::toString))
            .setExclusionStrategies(new ExclusionStrategy() {
                @Override
                public boolean shouldSkipField(FieldAttributes f) {
                    return f.getDeclaredClass() == RunOptions.class;
                }

                @Override
                public boolean shouldSkipClass(Class<?> c) {
                    return false;
                }
            })
            .create();

    private ComparisonRunner() {
    }

    /** What {@code run.json} holds: the run's options (to detect changes) and its result. */
    record Saved(JsonObject options, ComparisonResult.Run run) {
    }

    /** Writes values of type {@code T} as the string {@code label} gives. */
    private static <T> JsonSerializer<T> labelled(Function<T, String> label) {
        return (value, type, context) -> new JsonPrimitive(label.apply(value));
    }

    /**
     * Runs every arm for seeds {@code 1..seeds} under {@code runs}, one at a time on one worker,
     * progress on {@code log}.
     */
    public static ComparisonResult run(Comparison c, int seeds, Path runs, PrintStream log) {
        return run(c, seeds, 1, Workers.threads(1), runs, log);
    }

    /**
     * Runs every arm for seeds {@code 1..seeds} under {@code runs}, {@code jobs} runs at a time,
     * each run computing on {@code workers}. With one job a run's progress goes to {@code log}; with
     * more, each run writes its progress to {@code train.log} in its folder and {@code log} gets a
     * line as each run starts and ends. A run's result does not depend on what runs beside it (every
     * run owns its model, data and random streams, and its workers one BLAS thread each) nor on the
     * workers (same bits for every count), so one job on one worker gives exactly what several jobs
     * on several workers give.
     */
    public static ComparisonResult run(Comparison c, int seeds, int jobs, Workers workers, Path runs,
            PrintStream log) {
        if (seeds < 1) {
            throw new UserError("--seeds (" + seeds + ") must be at least 1");
        }
        if (jobs < 1) {
            throw new UserError("--jobs (" + jobs + ") must be at least 1");
        }
        List<Slot> slots = new ArrayList<>();
        for (Comparison.Arm arm : c.arms()) {
            for (long seed = 1; seed <= seeds; seed++) {
                slots.add(new Slot(arm, seed, runs.resolve(arm.name()).resolve("seed-" + seed)));
            }
        }
        checkMemory(c, runs, jobs, workers);
        int threads = Blas.setCpuThreads(THREADS);
        try {
            List<ComparisonResult.Run> out = jobs == 1 ? runInTurn(c, slots, workers, log)
                    : runTogether(c, slots, jobs, workers, log);
            log.printf(Locale.ROOT, "[%s] timing a training step of every arm, back to back (%d timings of %d rounds "
                    + "of %d steps, on %s)%n", c.name(), TIMING_REPEATS, TIMING_ROUNDS, TIMING_STEPS,
                    workers.describe());
            ComparisonResult.Timing timing = StepTiming.measure(c, workers, TIMING_REPEATS, TIMING_ROUNDS,
                    TIMING_STEPS);
            for (Comparison.Arm arm : c.arms()) {
                double[] range = timing.range(arm.name());
                log.printf(Locale.ROOT, "[%s/%s] %.4f-%.4f s/step (medians of %d timings)%n", c.name(), arm.name(),
                        range[0], range[1], TIMING_REPEATS);
            }
            return new ComparisonResult(c.name(), c.preset(), c.unit(), c.secondUnit(), out, timing);
        } finally {
            Blas.setCpuThreads(threads);
        }
    }

    /**
     * Refuses {@code jobs} runs side by side, each on {@code workers}, when the largest would not fit
     * into its share of the memory, its workers' replicas included (each run checks only itself
     * against the whole machine when it starts).
     */
    private static void checkMemory(Comparison c, Path runs, int jobs, Workers workers) {
        for (Comparison.Arm arm : c.arms()) {                     // seeds share the arm's sizes
            TrainingPlan plan = c.task(arm, 1, runs.resolve(arm.name()), workers, new Start.Overwrite()).plan();
            MemoryEstimate.training(plan.modelConfig(), plan.training().batch(), TrainingSession.MICRO_BATCH,
                    plan.run().workers().count(), Precision.FLOAT32)
                    .check("--preset " + c.preset().id() + " with --jobs " + jobs + " and --workers "
                            + workers.count() + " (" + arm.name() + ")", MemoryEstimate.available() / jobs);
        }
    }

    /** One arm and seed, and its run folder. */
    record Slot(Comparison.Arm arm, long seed, Path dir) {
        String name(Comparison c) {
            return c.name() + "/" + arm.name() + " seed " + seed;
        }
    }

    private static List<ComparisonResult.Run> runInTurn(Comparison c, List<Slot> slots, Workers workers,
            PrintStream log) {
        List<ComparisonResult.Run> out = new ArrayList<>();
        for (Slot s : slots) {
            ComparisonResult.Run done = reused(c, s, log);
            out.add(done != null ? done : train(c, s, workers, log, log, List.of()));
        }
        return out;
    }

    private static List<ComparisonResult.Run> runTogether(Comparison c, List<Slot> slots, int jobs, Workers workers,
            PrintStream log) {
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "compare-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ComparisonResult.Run>> futures = new ArrayList<>();
            for (Slot s : slots) {
                ComparisonResult.Run done = reused(c, s, log);
                futures.add(done != null ? CompletableFuture.completedFuture(done) : pool.submit(() -> {
                    try (PrintStream runLog = progressFile(s.dir())) {
                        return train(c, s, workers, runLog, log, List.of());
                    } catch (RuntimeException | Error e) {
                        log.printf(Locale.ROOT, "[%s] failed: %s%n", s.name(c), e.getMessage());   // now, not hours later
                        throw e;
                    }
                }));
            }
            List<ComparisonResult.Run> out = new ArrayList<>();
            Throwable failure = null;                        // thrown once the other runs end (their run.json kept)
            for (Future<ComparisonResult.Run> f : futures) {
                try {
                    out.add(f.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the runs", e);
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                }
            }
            if (failure != null) {
                throw Rethrow.unchecked(failure);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code dir/train.log} for a run's progress lines, appended to: opened before the run folder's
     * lock is taken, so a second comparison on the same folder must not empty a live run's log.
     */
    private static PrintStream progressFile(Path dir) {
        try {
            Files.createDirectories(dir);
            return new PrintStream(Files.newOutputStream(dir.resolve(TRAIN_LOG), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the run's " + TRAIN_LOG + " (" + e.getMessage() + ")", e);
        }
    }

    /** The finished run of {@code s}, announced, or null. */
    private static ComparisonResult.Run reused(Comparison c, Slot s, PrintStream log) {
        ComparisonResult.Run done = finished(s.dir(), optionsOf(c, s.arm(), s.seed()));
        if (done != null) {
            log.printf(Locale.ROOT, "[%s] finished earlier: best validation %.4f %s%n", s.name(c),
                    done.bestValidation(), c.unit());
        }
        return done;
    }

    /**
     * Trains {@code s} on {@code workers} with its progress on {@code progress}, scores it, records
     * {@code run.json}. An unfinished run of the same options in the folder is continued from its
     * {@code last.ckpt} (resuming is exact, so the record is the one an uninterrupted run makes), else
     * the run starts afresh.
     */
    static ComparisonResult.Run train(Comparison c, Slot s, Workers workers, PrintStream progress, PrintStream log,
            List<TrainingListener> listeners) {
        JsonObject options = optionsOf(c, s.arm(), s.seed());
        Checkpoint.Loaded unfinished = unfinished(c, s, options);
        log.printf(Locale.ROOT, "[%s] %s %s on %s%s%n", s.name(c), unfinished == null ? "training into"
                        : "continuing at step " + unfinished.step() + " in", s.dir(), workers.describe(),
                progress == log ? "" : " (progress in " + TRAIN_LOG + " there)");
        AtomicFiles.write(s.dir().resolve(OPTIONS_FILE), GSON.toJson(options).getBytes(StandardCharsets.UTF_8));
        List<TrainingListener> all = new ArrayList<>(listeners);
        all.add(LossCharts.refreshing(s.dir()));
        TrainingResult r = c.train(s.arm(), s.seed(), s.dir(), workers,
                unfinished == null ? new Start.Overwrite() : new Start.Resume(unfinished.file()), progress, all);
        Score test = c.test(r.best(), workers);
        List<double[]> curve = new ArrayList<>();                 // every evaluation, those before a resume too
        for (MetricsLog.Entry e : MetricsLog.read(s.dir().resolve(MetricsLog.FILE))) {
            if (e.isEval()) {
                curve.add(new double[] {e.step(), e.value()});
            }
        }
        double earlier = unfinished == null ? 0 : unfinished.training().progress().elapsedSeconds();
        ComparisonResult.Run run = new ComparisonResult.Run(s.arm().name(), r.config().attention().label(), s.seed(),
                r.parameters(), r.steps(), r.stoppedEarly(), r.inUnit(r.bestValidationLoss()), test.value(),
                test.second(), r.secondsPerStep(), earlier + r.totalSeconds(), curve);
        AtomicFiles.write(s.dir().resolve(RUN_FILE), GSON.toJson(new Saved(options, run))
                .getBytes(StandardCharsets.UTF_8));
        log.printf(Locale.ROOT, "[%s] %d steps%s: best validation %.4f, test %.4f %s%n", s.name(c), r.steps(),
                r.stoppedEarly() ? " (stopped early)" : "", run.bestValidation(), run.test(), c.unit());
        return run;
    }

    /** The options of {@code arm}'s run for {@code seed} as {@code run.json} records them. */
    static JsonObject optionsOf(Comparison c, Comparison.Arm arm, long seed) {
        return OPTIONS.toJsonTree(c.options(arm, seed, Path.of(arm.name(), "seed-" + seed))).getAsJsonObject();
    }

    /**
     * The {@code last.ckpt} of {@code s}'s folder if a run of {@code options} started there and was
     * stopped before its end (not at its last step, not by early stopping), else null.
     */
    private static Checkpoint.Loaded unfinished(Comparison c, Slot s, JsonObject options) {
        Path last = s.dir().resolve(CheckpointListener.LAST);
        Path started = s.dir().resolve(OPTIONS_FILE);
        if (!Files.isRegularFile(last) || !Files.isRegularFile(started)) {
            return null;
        }
        try {
            if (!options.equals(GSON.fromJson(Files.readString(started, StandardCharsets.UTF_8), JsonObject.class))) {
                return null;
            }
        } catch (IOException | JsonParseException e) {
            return null;                                     // unreadable: train it again
        }
        Checkpoint.Loaded loaded = Checkpoint.load(last, Precision.FLOAT32);
        TrainingPlan plan = c.options(s.arm(), s.seed(), s.dir());
        boolean ended = loaded.step() >= plan.training().steps() || plan.training().patience() > 0
                && loaded.training().progress().evaluationsWithoutImprovement() >= plan.training().patience();
        return ended ? null : loaded;
    }

    /** The run recorded in {@code dir} if it finished with the same options, else null. */
    static ComparisonResult.Run finished(Path dir, JsonObject options) {
        Path file = dir.resolve(RUN_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Saved s = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
            return s != null && options.equals(s.options()) && s.run() != null ? s.run() : null;
        } catch (IOException | JsonParseException e) {
            return null;                                     // unreadable: train it again
        }
    }

    /**
     * The finished runs recorded under {@code runs} (seeds {@code 1..} of each arm, up to the first
     * without a {@code run.json}), without training anything: the published result of a comparison.
     *
     * @throws UserError naming a record that is unreadable or was made with other options than today's
     */
    public static List<ComparisonResult.Run> recorded(Comparison c, Path runs) {
        List<ComparisonResult.Run> out = new ArrayList<>();
        for (Comparison.Arm arm : c.arms()) {
            for (long seed = 1; Files.isRegularFile(runs.resolve(arm.name()).resolve("seed-" + seed).resolve(RUN_FILE));
                    seed++) {
                Path dir = runs.resolve(arm.name()).resolve("seed-" + seed);
                ComparisonResult.Run run = finished(dir, optionsOf(c, arm, seed));
                if (run == null) {
                    throw new UserError(dir.resolve(RUN_FILE) + ": unreadable or made with other options than today's "
                            + c.preset().id() + " preset");
                }
                out.add(run);
            }
        }
        return out;
    }
}

package org.attentionsuite.experiments.quality;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.experiments.report.LossCharts;

/**
 * Runs a {@link Comparison}: every arm for every seed, one after the other, each into its own run
 * folder {@code <runs>/<arm>/seed-<n>} with its metrics, chart and checkpoints; scores each best
 * checkpoint on the test split; then times a step of every arm back to back ({@link StepTiming}),
 * the fair time per step on a machine whose load changes over hours. A finished run leaves
 * {@code run.json}; running the comparison again reuses finished runs whose options are
 * unchanged, so an interrupted comparison continues where it stopped.
 */
public final class ComparisonRunner {
    /** The record of a finished run in its folder. */
    static final String RUN_FILE = "run.json";
    /** Rounds of the back-to-back step timing, and steps of each arm per round. */
    static final int TIMING_ROUNDS = 7;
    static final int TIMING_STEPS = 3;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .create();

    private ComparisonRunner() {
    }

    /** What {@code run.json} holds: the run's options (to detect changes) and its result. */
    record Saved(String options, ComparisonResult.Run run) {
    }

    /** Runs every arm for seeds {@code 1..seeds} under {@code runs}; progress goes to {@code log}. */
    public static ComparisonResult run(Comparison c, int seeds, Path runs, PrintStream log) {
        if (seeds < 1) {
            throw new org.attentionsuite.core.UserError("--seeds (" + seeds + ") must be at least 1");
        }
        List<ComparisonResult.Run> out = new ArrayList<>();
        for (AttentionVariant arm : c.arms()) {
            for (long seed = 1; seed <= seeds; seed++) {
                Path dir = runs.resolve(arm.id()).resolve("seed-" + seed);
                String options = c.options(arm, seed, dir).toString();
                ComparisonResult.Run done = finished(dir, options);
                if (done != null) {
                    log.printf(Locale.ROOT, "[%s/%s seed %d] finished earlier: best validation %.4f %s%n", c.name(),
                            arm.id(), seed, done.bestValidation(), c.unit());
                    out.add(done);
                    continue;
                }
                log.printf(Locale.ROOT, "[%s/%s seed %d] training into %s%n", c.name(), arm.id(), seed, dir);
                TrainingResult r = c.train(arm, seed, dir, log, List.of(LossCharts.refreshing(dir)));
                double[] test = c.test(r.best());
                List<double[]> curve = new ArrayList<>();
                for (EvalReport e : r.evaluations()) {
                    curve.add(new double[] {e.step(), r.inUnit(e.loss())});
                }
                ComparisonResult.Run run = new ComparisonResult.Run(arm.id(), r.config().attention().label(), seed,
                        r.parameters(), r.steps(), r.stoppedEarly(), r.inUnit(r.bestValidationLoss()), test[0],
                        test[1], r.secondsPerStep(), r.totalSeconds(), curve);
                AtomicFiles.write(dir.resolve(RUN_FILE), GSON.toJson(new Saved(options, run))
                        .getBytes(StandardCharsets.UTF_8));
                log.printf(Locale.ROOT, "[%s/%s seed %d] %d steps%s: best validation %.4f, test %.4f %s%n",
                        c.name(), arm.id(), seed, r.steps(), r.stoppedEarly() ? " (stopped early)" : "",
                        run.bestValidation(), run.test(), c.unit());
                out.add(run);
            }
        }
        log.printf(Locale.ROOT, "[%s] timing a training step of every arm, back to back (%d rounds of %d steps)%n",
                c.name(), TIMING_ROUNDS, TIMING_STEPS);
        List<ComparisonResult.Timing> timings = StepTiming.measure(c, TIMING_ROUNDS, TIMING_STEPS);
        for (ComparisonResult.Timing t : timings) {
            log.printf(Locale.ROOT, "[%s/%s] %.4f s/step (median of %d)%n", c.name(), t.arm(), t.secondsPerStep(),
                    t.steps());
        }
        return new ComparisonResult(c.name(), presetOf(c), c.unit(), c.secondUnit(), out, timings);
    }

    private static ComparisonPreset presetOf(Comparison c) {
        return c instanceof Comparison.Images i ? i.preset() : ((Comparison.Chorales) c).preset();
    }

    /** The run recorded in {@code dir} if it finished with the same options, else null. */
    static ComparisonResult.Run finished(Path dir, String options) {
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
}

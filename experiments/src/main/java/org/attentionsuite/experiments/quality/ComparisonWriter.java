package org.attentionsuite.experiments.quality;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;
import org.attentionsuite.experiments.report.Charts;
import org.attentionsuite.experiments.report.FiniteJson;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.experiments.report.Outputs;

/**
 * Writes a {@link ComparisonResult} into an output folder: {@code results/compare-<name>.md} (the
 * per-arm table with mean ± standard deviation over seeds, then every run),
 * {@code results/compare-<name>.csv} (every run), {@code results/compare-<name>-timing.json} (the
 * back-to-back timing, which the runs' own {@code run.json} records do not hold) and
 * {@code charts/compare-<name>.png} (validation loss against steps, one line per arm and seed).
 * It also renders the short form of a result that the READMEs carry between markers.
 */
public final class ComparisonWriter {
    private static final Gson GSON = FiniteJson.pretty();

    private ComparisonWriter() {
    }

    /** {@code compare-<name>} with the given extension. */
    public static String fileName(String name, String extension) {
        return "compare-" + name + "." + extension;
    }

    /** {@code results/compare-<name>-timing.json} under {@code out}. */
    public static Path timingFile(Path out, String name) {
        return Outputs.result(out, fileName(name + "-timing", "json"));
    }

    /**
     * Writes the files of {@code c}'s result {@code r}, with its setup and its expectations checked
     * against {@code r}; {@code command} reproduces the run.
     */
    public static List<Path> write(Comparison c, ComparisonResult r, Path out, String command) {
        List<Path> written = new ArrayList<>();
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.comparison(), "md")),
                markdown(c, r, command)));
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.comparison(), "csv")), csv(r)));
        written.add(Outputs.writeString(timingFile(out, r.comparison()), GSON.toJson(r.timing()) + "\n"));
        List<Charts.Series> series = new ArrayList<>();
        for (ComparisonResult.Run run : r.runs()) {
            series.add(new Charts.Series(run.arm() + " seed " + run.seed(), run.arm(),
                    run.curve().stream().mapToDouble(p -> p[0]).toArray(),
                    run.curve().stream().mapToDouble(p -> p[1]).toArray()));
        }
        written.add(Charts.writeLines(Outputs.chart(out, fileName(r.comparison(), "png")),
                new Charts.Axes("Validation loss, every arm and seed: " + r.comparison() + " (preset "
                        + r.preset().id() + ")", "step", "validation " + r.unit(), false, false), series));
        return written;
    }

    /**
     * The published result of {@code c}: the {@code run.json} records under {@code runs} (the
     * comparison's own folder of runs, {@code <runs>/<arm>/seed-<n>}; they must have been made with
     * today's options) and the timing {@link #write} left under {@code out} (null while none has
     * been measured).
     *
     * @throws UserError naming a record that is not today's, or an unreadable timing
     */
    public static ComparisonResult published(Comparison c, Path runs, Path out) {
        Path file = timingFile(out, c.name());
        ComparisonResult.Timing timing;
        try {
            timing = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ComparisonResult.Timing.class);
        } catch (NoSuchFileException e) {
            timing = null;
        } catch (IOException | JsonParseException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return new ComparisonResult(c.name(), c.preset(), c.unit(), c.secondUnit(), ComparisonRunner.recorded(c, runs),
                timing);
    }

    /** A loss with four decimals, so that the column's numbers line up (3.0100, not 3.01). */
    private static String fixed(double loss) {
        return Double.isFinite(loss) ? String.format(Locale.ROOT, "%.4f", loss) : "n/a";
    }

    /**
     * {@code mean ± sd} of {@code s}: the standard deviation to two significant digits and the mean
     * to the same decimal place; {@code mean} alone ({@code digits} significant) for one value,
     * {@code -} for none.
     */
    public static String pm(ComparisonResult.Stat s, int digits) {
        if (Double.isNaN(s.mean())) {
            return "-";
        }
        if (Double.isNaN(s.sd())) {
            return Markdown.num(s.mean(), digits);
        }
        if (!(s.sd() > 0)) {
            return Markdown.num(s.mean(), digits) + " ± 0";
        }
        int places = Math.max(0, Math.min(12, 1 - (int) Math.floor(Math.log10(s.sd()))));
        BigDecimal sd = new BigDecimal(s.sd()).round(new MathContext(2));
        places = Math.max(0, Math.min(places, sd.scale()));                  // 0.0099996 rounds up to 0.010
        return new BigDecimal(s.mean()).setScale(places, RoundingMode.HALF_EVEN).toPlainString() + " ± "
                + sd.setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code 1.55–1.66x}: a {@code [min, max]} range, {@code digits} significant, one number when they agree. */
    public static String range(double[] minMax, int digits, String suffix) {
        String lo = Markdown.num(minMax[0], digits);
        String hi = Markdown.num(minMax[1], digits);
        return (lo.equals(hi) ? lo : lo + "–" + hi) + suffix;
    }

    /** Steps of every seed, and whether each stopped early: {@code 7,350, 12,750} (or "(budget)"). */
    private static String steps(ComparisonResult r, String arm) {
        return r.runs().stream().filter(run -> run.arm().equals(arm))
                .map(run -> String.format(Locale.ROOT, "%,d%s", run.steps(), run.stoppedEarly() ? "" : " (budget)"))
                .collect(Collectors.joining(", "));
    }

    /** What {@code s/step} in the tables is: the timing, its workers and the machine's load. */
    static String timingNote(ComparisonResult.Timing t) {
        double[] load = t.load();
        return String.format(Locale.ROOT, "`s/step` is the range of the medians of %d back-to-back timings (each "
                + "%d steps of every arm, the arms alternated in rounds) measured after training on %s, on %d "
                + "worker%s as the runs trained (a worker: a thread with one BLAS thread); the machine's 1-minute load "
                + "average was %s during them (%d cores)",
                t.repeats().size(), t.steps(), t.date().substring(0, 10), t.threads(), t.threads() == 1 ? "" : "s",
                range(load, 2, ""), t.cores());
    }

    static String markdown(Comparison c, ComparisonResult r, String command) {
        ComparisonPreset p = r.preset();
        StringBuilder sb = new StringBuilder();
        sb.append("# Comparison at convergence: ").append(r.comparison()).append("\n\n");
        sb.append(Outputs.commandLine(command)).append("\n\n");
        sb.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(String.format(Locale.ROOT,
                ". Preset `%s`. Every arm is trained by the same builder as `image train`/`music train` with the "
                + "same model, data and budget, on a learning-rate schedule that does not decay with the budget "
                + "(warm-up, then inverse square root), until validation has not improved for %d evaluations (every %d "
                + "steps) or the step budget runs out (see `stopped early` below); its best checkpoint is then scored "
                + "on the test split by the same code as `suite evaluate`. Mean ± sample standard deviation over %d "
                + "seed(s) (weights, batches, dropout).%n%n", p.id(), p.patience(), p.evalEvery(),
                r.runs().stream().mapToLong(ComparisonResult.Run::seed).distinct().count()));
        sb.append(c.setup()).append("\n\n");
        List<String> header = new ArrayList<>(List.of("arm", "parameters", "keys per query",
                "best validation " + r.unit(), "test " + r.unit()));
        if (r.secondUnit() != null) {
            header.add("test " + r.secondUnit());
        }
        List<ComparisonResult.ArmSummary> arms = r.summaries();
        String first = arms.isEmpty() ? "" : arms.get(0).arm();
        header.addAll(List.of("s/step", "time vs " + first, "s/step in training", "steps", "total s"));
        Markdown t = new Markdown(header);
        ComparisonResult.Timing timing = r.timing();
        for (ComparisonResult.ArmSummary a : arms) {
            List<String> row = new ArrayList<>(List.of(a.arm(), String.format(Locale.ROOT, "%,d", a.parameters()),
                    Markdown.num(c.keysPerQuery(c.arm(a.arm())), 4), pm(a.bestValidation(), 4), pm(a.test(), 4)));
            if (r.secondUnit() != null) {
                row.add(pm(a.testSecond(), 4));
            }
            boolean timed = timing != null && timing.timed(a.arm()) && timing.timed(first);
            row.add(timed ? range(timing.range(a.arm()), 3, "") : "-");
            row.add(timed ? range(invert(timing.speedup(a.arm(), first)), 3, "x") : "-");
            row.addAll(List.of(pm(a.secondsPerStep(), 3), pm(a.steps(), 0), pm(a.totalSeconds(), 0)));
            t.row(row);
        }
        sb.append(t.render()).append('\n');
        if (timing != null) {
            sb.append(timingNote(timing)).append("; `s/step in training` is the runs' own mean, measured hours apart ")
                    .append("and kept for reference. `keys per query` is the mean number of key positions a query is ")
                    .append("scored against (S/L of the attention's cost model: the causal half for global attention, ")
                    .append("whole query blocks for local attention).\n\n");
        }
        List<String> expectations = c.expectations(r);
        if (!expectations.isEmpty()) {
            sb.append("## Expectations\n\n");
            expectations.forEach(e -> sb.append("- ").append(e).append('\n'));
            sb.append('\n');
        }
        sb.append("![validation loss of every arm and seed](../").append(Outputs.CHARTS).append('/')
                .append(fileName(r.comparison(), "png")).append(")\n\n");
        sb.append("## Every run\n\n");
        Markdown all = new Markdown(List.of("arm", "attention", "seed", "parameters", "steps", "stopped early",
                "best validation", "test", "s/step", "total s"));
        for (ComparisonResult.Run run : r.runs()) {
            all.row(List.of(run.arm(), run.attention(), String.valueOf(run.seed()), String.valueOf(run.parameters()),
                    String.valueOf(run.steps()), run.stoppedEarly() ? "yes" : "no (budget)",
                    fixed(run.bestValidation()), fixed(run.test()),
                    Markdown.num(run.secondsPerStep(), 3), Markdown.num(run.totalSeconds(), 0)));
        }
        sb.append(all.render()).append('\n');
        return sb.toString();
    }

    /** {@code [1/max, 1/min]}: a range of speed-ups as a range of time ratios. */
    private static double[] invert(double[] minMax) {
        return new double[] {1 / minMax[1], 1 / minMax[0]};
    }

    /**
     * The short form of {@code r} that the READMEs carry: the setup, one row per arm (parameters,
     * seeds, best validation and test as mean ± standard deviation, the steps of every seed, time
     * per step, keys per query) and the expectations; {@code report} links the full report.
     */
    public static String readme(Comparison c, ComparisonResult r, String report) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.setup()).append(" [Full report](").append(report).append(").\n\n");
        String secondUnit = r.secondUnit() == null ? "" : " (" + r.secondUnit() + ")";
        Markdown t = new Markdown(List.of("arm", "parameters", "seeds", "best validation", "test " + r.unit()
                + secondUnit, "steps (all stopped early unless marked)", "s/step", "keys per query"));
        for (ComparisonResult.ArmSummary a : r.summaries()) {
            String test = pm(a.test(), 4) + (r.secondUnit() == null ? "" : " (" + pm(a.testSecond(), 4) + ")");
            t.row(List.of(a.arm(), String.format(Locale.ROOT, "%,d", a.parameters()), String.valueOf(a.test().n()),
                    pm(a.bestValidation(), 4), test, steps(r, a.arm()),
                    r.timing() != null && r.timing().timed(a.arm()) ? range(r.timing().range(a.arm()), 3, "") : "-",
                    Markdown.num(c.keysPerQuery(c.arm(a.arm())), 4)));
        }
        sb.append(t.render()).append('\n');
        sb.append(r.timing() == null ? "The time per step has not been measured yet" : timingNote(r.timing()))
                .append(". `keys per query` is the mean number of key positions a query is scored against.\n\n");
        c.expectations(r).forEach(e -> sb.append("- ").append(e).append('\n'));
        return sb.toString();
    }

    static String csv(ComparisonResult r) {
        StringBuilder sb = new StringBuilder("arm,seed,parameters,steps,stopped_early,best_validation,test,test_second,"
                + "seconds_per_step,total_seconds,timed_seconds_per_step_min,timed_seconds_per_step_max\n");
        for (ComparisonResult.Run run : r.runs()) {
            boolean timed = r.timing() != null && r.timing().timed(run.arm());
            double[] range = timed ? r.timing().range(run.arm()) : null;
            sb.append(String.join(",", Markdown.csv(run.arm()), String.valueOf(run.seed()),
                    String.valueOf(run.parameters()), String.valueOf(run.steps()),
                    String.valueOf(run.stoppedEarly()), String.format(Locale.ROOT, "%.6f", run.bestValidation()),
                    String.format(Locale.ROOT, "%.6f", run.test()), String.format(Locale.ROOT, "%.6f", run.testSecond()),
                    String.format(Locale.ROOT, "%.4f", run.secondsPerStep()),
                    String.format(Locale.ROOT, "%.1f", run.totalSeconds()),
                    timed ? String.format(Locale.ROOT, "%.4f", range[0]) : "",
                    timed ? String.format(Locale.ROOT, "%.4f", range[1]) : "")).append('\n');
        }
        return sb.toString();
    }
}

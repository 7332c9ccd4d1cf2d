package org.attentionsuite.experiments.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.experiments.report.Charts;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.experiments.report.Outputs;

/**
 * Writes a {@link ComparisonResult} into an output folder: {@code results/compare-<name>.md} (the
 * per-arm table with mean ± standard deviation over seeds, then every run),
 * {@code results/compare-<name>.csv} (every run) and {@code charts/compare-<name>.png}
 * (validation loss against steps, one line per arm and seed).
 */
public final class ComparisonWriter {
    private ComparisonWriter() {
    }

    /** {@code compare-<name>} with the given extension. */
    public static String fileName(String name, String extension) {
        return "compare-" + name + "." + extension;
    }

    /**
     * Writes the three files of {@code c}'s result {@code r}, with its setup and its expectations
     * checked against {@code r}; {@code command} reproduces the run.
     */
    public static List<Path> write(Comparison c, ComparisonResult r, Path out, String command) {
        List<Path> written = new ArrayList<>();
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.comparison(), "md")),
                markdown(r, c.setup(), c.expectations(r), command)));
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.comparison(), "csv")), csv(r)));
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

    static String markdown(ComparisonResult r, String setup, List<String> expectations, String command) {
        ComparisonPreset p = r.preset();
        StringBuilder sb = new StringBuilder();
        sb.append("# Comparison at convergence: ").append(r.comparison()).append("\n\n");
        sb.append(Outputs.commandLine(command)).append("\n\n");
        sb.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(String.format(Locale.ROOT,
                ". Preset `%s`. Every arm is trained by the same builder as `image train`/`music train` with the "
                + "same model, data and budget, on a learning-rate schedule that does not decay with the budget "
                + "(warm-up, then inverse square root), until validation has not improved for %d evaluations (every %d "
                + "steps) or the step budget runs out (see `stopped early` below); its best checkpoint is then scored on the test split. Mean ± sample standard deviation "
                + "over %d seed(s) (weights, batches, dropout).%n%n", p.id(), p.patience(), p.evalEvery(),
                r.runs().stream().mapToLong(ComparisonResult.Run::seed).distinct().count()));
        sb.append(setup).append("\n\n");
        List<String> header = new ArrayList<>(List.of("arm", "best validation " + r.unit(), "test " + r.unit()));
        if (r.secondUnit() != null) {
            header.add("test " + r.secondUnit());
        }
        List<ComparisonResult.ArmSummary> arms = r.summaries();
        String first = arms.isEmpty() ? "" : arms.get(0).arm();
        header.addAll(List.of("s/step", "time vs " + first, "s/step in training", "steps", "total s"));
        Markdown t = new Markdown(header);
        ComparisonResult.Timing base = r.timing(first);
        for (ComparisonResult.ArmSummary a : arms) {
            List<String> row = new ArrayList<>(List.of(a.arm(), pm(a.bestValidation(), 4), pm(a.test(), 4)));
            if (r.secondUnit() != null) {
                row.add(pm(a.testSecond(), 4));
            }
            ComparisonResult.Timing timed = r.timing(a.arm());
            row.add(timed == null ? "-" : Markdown.num(timed.secondsPerStep(), 3));
            row.add(timed == null || base == null ? "-"
                    : Markdown.num(timed.secondsPerStep() / base.secondsPerStep(), 3) + "x");
            row.addAll(List.of(pm(a.secondsPerStep(), 3), pm(a.steps(), 0), pm(a.totalSeconds(), 0)));
            t.row(row);
        }
        sb.append(t.render()).append('\n');
        sb.append("`s/step` is the median of ").append(r.timings().isEmpty() ? 0 : r.timings().get(0).steps())
                .append(" training steps of each arm's model on its own data, the arms timed back to back in ")
                .append("alternating rounds after training, so load on the machine affects all alike; `s/step in ")
                .append("training` is the runs' own mean, measured hours apart and kept for reference.\n\n");
        if (!expectations.isEmpty()) {
            sb.append("## Expected from the paper\n\n");
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

    static String csv(ComparisonResult r) {
        StringBuilder sb = new StringBuilder("arm,seed,steps,stopped_early,best_validation,test,test_second,"
                + "seconds_per_step,total_seconds,timed_seconds_per_step\n");
        for (ComparisonResult.Run run : r.runs()) {
            ComparisonResult.Timing timed = r.timing(run.arm());
            sb.append(String.join(",", Markdown.csv(run.arm()), String.valueOf(run.seed()), String.valueOf(run.steps()),
                    String.valueOf(run.stoppedEarly()), String.format(Locale.ROOT, "%.6f", run.bestValidation()),
                    String.format(Locale.ROOT, "%.6f", run.test()), String.format(Locale.ROOT, "%.6f", run.testSecond()),
                    String.format(Locale.ROOT, "%.4f", run.secondsPerStep()),
                    String.format(Locale.ROOT, "%.1f", run.totalSeconds()),
                    timed == null ? "" : String.format(Locale.ROOT, "%.4f", timed.secondsPerStep()))).append('\n');
        }
        return sb.toString();
    }
}

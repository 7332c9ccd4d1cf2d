package org.attentionsuite.experiments.quality;

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
 * Writes a {@link QualityResult} into an output folder: {@code results/compare-<task>.md} (one
 * table), {@code results/compare-<task>.csv} (every validation point of every arm) and
 * {@code charts/compare-<task>.png} (validation loss in the first unit against wall time).
 */
public final class QualityWriter {
    private QualityWriter() {
    }

    /** {@code compare-<task>} with the given extension. */
    public static String fileName(String task, String extension) {
        return "compare-" + task + "." + extension;
    }

    /**
     * Writes the three files; {@code command} is the command line that reproduces the run.
     *
     * @return their paths
     */
    public static List<Path> write(QualityResult r, Path out, String command) {
        List<Path> written = new ArrayList<>();
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.task(), "md")), markdown(r, command)));
        written.add(Outputs.writeString(Outputs.result(out, fileName(r.task(), "csv")), csv(r)));
        List<Charts.Series> series = new ArrayList<>();
        for (QualityResult.ArmResult a : r.arms()) {
            double[] x = a.curve().stream().mapToDouble(QualityResult.Point::seconds).toArray();
            double[] y = a.curve().stream().mapToDouble(QualityResult.Point::primary).toArray();
            series.add(new Charts.Series(a.label() + " (" + a.attention() + ")", x, y));
        }
        written.add(Charts.writeLines(Outputs.chart(out, fileName(r.task(), "png")),
                new Charts.Axes("Validation loss vs wall time: " + r.task(), "wall time (s, evaluations included)",
                        "validation " + r.units().get(0), false, false), series));
        return written;
    }

    static String markdown(QualityResult r, String command) {
        QualityOptions o = r.options();
        StringBuilder sb = new StringBuilder();
        sb.append("# Quality comparison: ").append(r.task()).append("\n\n");
        sb.append(Outputs.commandLine(command)).append("\n\n");
        sb.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(String.format(Locale.ROOT,
                ". Every arm: the same model and data (%s), %d steps, seed %d, cosine learning rate peaking at %s "
                + "after %d warm-up steps; validation every %d steps.%n%n", r.dataFingerprint(), o.steps(), o.seed(),
                Markdown.num(o.learningRate(), 3), o.effectiveWarmup(), o.evalEvery()));
        List<String> header = new ArrayList<>(List.of("arm", "attention", "positions", "parameters", "steps",
                "s/step", "wall s"));
        r.units().forEach(u -> header.add("validation " + u));
        header.add("best validation " + r.units().get(0));
        Markdown t = new Markdown(header);
        for (QualityResult.ArmResult a : r.arms()) {
            List<String> row = new ArrayList<>(List.of(a.label(), a.attention(), a.position(),
                    String.valueOf(a.parameters()), String.valueOf(a.steps()), Markdown.num(a.secondsPerStep(), 3),
                    Markdown.num(a.wallSeconds(), 3)));
            a.finalInUnits().forEach(v -> row.add(Markdown.num(v, 4)));
            row.add(Markdown.num(a.curve().stream().mapToDouble(QualityResult.Point::primary).min().orElse(Double.NaN),
                    4));
            t.row(row);
        }
        sb.append(t.render()).append('\n');
        sb.append("![validation loss vs wall time](../").append(Outputs.CHARTS).append('/')
                .append(fileName(r.task(), "png")).append(")\n");
        return sb.toString();
    }

    static String csv(QualityResult r) {
        StringBuilder sb = new StringBuilder("arm,attention,step,seconds,validation_nats,validation_"
                + r.units().get(0).replace('/', '_') + "\n");
        for (QualityResult.ArmResult a : r.arms()) {
            for (QualityResult.Point p : a.curve()) {
                sb.append(String.join(",", Markdown.csv(a.label()), Markdown.csv(a.attention()),
                        String.valueOf(p.step()), String.format(Locale.ROOT, "%.3f", p.seconds()),
                        String.format(Locale.ROOT, "%.6f", p.nats()), String.format(Locale.ROOT, "%.6f", p.primary())))
                        .append('\n');
            }
        }
        return sb.toString();
    }
}

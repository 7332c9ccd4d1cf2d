package org.attentionsuite.experiments.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.experiments.report.Charts;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.experiments.report.Outputs;
import org.attentionsuite.music.model.MusicAttention;
import org.knowm.xchart.XYChart;

/**
 * Writes a {@link SweepResult} into an output folder: {@code results/sweep.md} (tables, slopes,
 * memory check, charts), {@code results/sweep.csv} (one row per point) and the log-log charts
 * {@code charts/sweep-time.png} (seconds) and {@code charts/sweep-memory.png} (MiB), with a tick
 * label at every measured length.
 */
public final class SweepWriter {
    /** Markdown results file name. */
    public static final String MARKDOWN = "sweep.md";
    /** CSV results file name. */
    public static final String CSV = "sweep.csv";
    /** Time chart file name. */
    public static final String TIME_CHART = "sweep-time.png";
    /** Memory chart file name. */
    public static final String MEMORY_CHART = "sweep-memory.png";

    private SweepWriter() {
    }

    /** Writes the four files; returns their paths. */
    public static List<Path> write(SweepResult r, Path out) {
        List<Path> written = new ArrayList<>();
        written.add(Outputs.writeString(Outputs.result(out, MARKDOWN), markdown(r, out)));
        written.add(Outputs.writeString(Outputs.result(out, CSV), csv(r)));
        written.add(Charts.write(Outputs.chart(out, TIME_CHART), timeChart(r)));
        written.add(Charts.write(Outputs.chart(out, MEMORY_CHART), memoryChart(r)));
        return written;
    }

    /** Axes of {@link #TIME_CHART}: L (log) against the median forward + backward seconds (log). */
    static final Charts.Axes TIME_AXES = new Charts.Axes("Attention forward + backward time (median)",
            "sequence length L (tokens, log scale)", "median time per call (s, log scale)", true, true);
    /** Axes of {@link #MEMORY_CHART}: L (log) against MiB allocated (log). */
    static final Charts.Axes MEMORY_AXES = new Charts.Axes(
            "Memory allocated by the attention (first forward + backward)", "sequence length L (tokens, log scale)",
            "memory allocated (MiB, log scale)", true, true);
    /** Bytes per MiB. */
    private static final double MIB = 1024.0 * 1024.0;

    /** The time chart: median forward + backward seconds per call against L, log-log, every L labelled. */
    static XYChart timeChart(SweepResult r) {
        return Charts.lines(TIME_AXES, series(r, true));
    }

    /** The memory chart: MiB allocated by the first forward + backward against L, log-log, every L labelled. */
    static XYChart memoryChart(SweepResult r) {
        return Charts.lines(MEMORY_AXES, series(r, false));
    }

    private static List<Charts.Series> series(SweepResult r, boolean time) {
        List<Charts.Series> out = new ArrayList<>();
        for (AttentionVariant v : r.options().variants()) {
            List<SweepRow> rows = r.rows().stream().filter(x -> x.variant().equals(v.id()) && x.measured()).toList();
            double[] x = new double[rows.size()];
            double[] y = new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                x[i] = rows.get(i).length();
                y[i] = time ? rows.get(i).forwardBackward().median() : rows.get(i).measuredBytes() / MIB;
            }
            out.add(new Charts.Series(v.id(), x, y));
        }
        return out;
    }

    /** The Markdown report of a sweep written into {@code out}. */
    static String markdown(SweepResult r, Path out) {
        SweepOptions o = r.options();
        StringBuilder sb = new StringBuilder();
        sb.append("# Attention cost sweep\n\n");
        sb.append(Outputs.commandLine(o.command(out.toString()))).append("\n\n");
        sb.append("Written ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". ");
        sb.append(String.format(Locale.ROOT, "The attention alone (no projections), float32, batch %d, %d head(s) of "
                + "Dh = %d; median/min/max of %d timed calls after %d warm-up call(s). Memory: native bytes the "
                + "variant allocated during its first forward + backward (inputs and gradients excluded). Analytic "
                + "formulas: see `AttentionSpec` and each variant's spec record. Local 2D runs on square images with one channel "
                + "(L = side²).%n%n", o.batch(), o.heads(), o.headDim(), o.repetitions(), Math.max(1, o.warmup())));
        Markdown t = new Markdown(List.of("variant", "L", "fwd median s", "fwd min s", "fwd max s",
                "fwd+bwd median s", "fwd+bwd min s", "fwd+bwd max s", "memory measured", "memory analytic",
                "GFLOP fwd", "GFLOP fwd+bwd", "note"));
        for (SweepRow row : r.rows()) {
            t.row(List.of(row.variant(), String.valueOf(row.length()), Markdown.num(row.forward().median(), 3),
                    Markdown.num(row.forward().min(), 3), Markdown.num(row.forward().max(), 3),
                    Markdown.num(row.forwardBackward().median(), 3), Markdown.num(row.forwardBackward().min(), 3),
                    Markdown.num(row.forwardBackward().max(), 3),
                    row.measured() ? Markdown.bytes(row.measuredBytes()) : "-", Markdown.bytes(row.analyticBytes()),
                    Markdown.num(row.forwardFlops() / 1e9, 3), Markdown.num(row.forwardBackwardFlops() / 1e9, 3),
                    row.note()));
        }
        sb.append(t.render()).append('\n');
        sb.append("## Log-log slopes\n\nLeast squares of log(value) against log(L) over the measured lengths: "
                + "1 = linear, 2 = quadratic.\n\n");
        Markdown s = new Markdown(List.of("variant", "time slope", "memory slope", "lengths measured"));
        for (SweepResult.Slope sl : r.slopes()) {
            s.row(List.of(sl.variant(), Markdown.num(sl.time(), 3), Markdown.num(sl.memory(), 3),
                    String.valueOf(sl.points())));
        }
        sb.append(s.render()).append('\n');
        r.memoryCheck().ifPresent(c -> {
            sb.append(String.format(Locale.ROOT, "## Memory check (Huang et al. 2018, §3.4.1): L = %d, Dh = %d, one "
                    + "head%n%n", c.length(), c.headDim()));
            sb.append("The skew keeps O(L·Dh + L²) (gathered table + logits); the pairwise method of Shaw et al. "
                    + "materialises Rel (L, L, Dh). Measured bytes include the backward's gradient buffers.\n\n");
            Markdown m = new Markdown(List.of("variant", "measured", "analytic extra memory", "formula"));
            m.row(List.of(MusicAttention.RELATIVE.id() + " (skewed)", Markdown.bytes(c.skewedMeasured()), Markdown.bytes(c.skewedAnalytic()),
                    "(L·Dh + L²)·4 B"));
            m.row(List.of(MusicAttention.RELATIVE_PAIRWISE.id(),
                    c.pairwiseMeasured() < 0 ? c.pairwiseNote() : Markdown.bytes(c.pairwiseMeasured()),
                    Markdown.bytes(c.pairwiseAnalytic()), "L²·Dh·4 B"));
            sb.append(m.render()).append('\n');
        });
        sb.append("![time vs length](../").append(Outputs.CHARTS).append('/').append(TIME_CHART).append(")\n\n");
        sb.append("![memory vs length](../").append(Outputs.CHARTS).append('/').append(MEMORY_CHART).append(")\n");
        return sb.toString();
    }

    /** One CSV line per point, with a header. */
    static String csv(SweepResult r) {
        StringBuilder sb = new StringBuilder("variant,length,side,measured,reps,fwd_median_s,fwd_min_s,fwd_max_s,"
                + "fwdbwd_median_s,fwdbwd_min_s,fwdbwd_max_s,measured_bytes,analytic_bytes,fwd_flops,fwdbwd_flops,"
                + "note\n");
        for (SweepRow row : r.rows()) {
            sb.append(String.join(",", Markdown.csv(row.variant()), String.valueOf(row.length()),
                    String.valueOf(row.side()), String.valueOf(row.measured()),
                    String.valueOf(row.forwardBackward().count()), d(row.forward().median()), d(row.forward().min()),
                    d(row.forward().max()), d(row.forwardBackward().median()), d(row.forwardBackward().min()),
                    d(row.forwardBackward().max()), String.valueOf(row.measuredBytes()),
                    String.valueOf(row.analyticBytes()), d(row.forwardFlops()), d(row.forwardBackwardFlops()),
                    Markdown.csv(row.note()))).append('\n');
        }
        return sb.toString();
    }

    private static String d(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }

    /** The slopes as lines for a console: {@code variant  time slope  memory slope}. */
    public static List<String> slopeLines(SweepResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-24s %10s %12s", "variant", "time slope", "memory slope"));
        for (SweepResult.Slope s : r.slopes()) {
            lines.add(String.format(Locale.ROOT, "%-24s %10s %12s", s.variant(), Markdown.num(s.time(), 3),
                    Markdown.num(s.memory(), 3)));
        }
        return lines;
    }
}

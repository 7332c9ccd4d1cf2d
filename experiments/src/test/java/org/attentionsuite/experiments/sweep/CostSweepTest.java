package org.attentionsuite.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.experiments.report.ChartTicks;
import org.attentionsuite.experiments.report.MachineInfo;
import org.attentionsuite.experiments.report.Outputs;
import org.attentionsuite.experiments.report.Report;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.music.model.MusicAttention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The sweep at toy sizes: structure, memory scaling and the written files (timings are never asserted). */
class CostSweepTest {
    static final int DH = 64;
    /** From the local variants' fixed block of 128 on, their cost grows linearly. */
    static final List<Integer> LENGTHS = List.of(128, 256, 512);
    static final AttentionVariant FULL = ImageAttention.FULL;
    static final AttentionVariant LOCAL1D = ImageAttention.LOCAL1D;
    static final AttentionVariant LOCAL2D = ImageAttention.LOCAL2D;
    static final AttentionVariant PAIRWISE = MusicAttention.RELATIVE_PAIRWISE;
    static final AttentionVariant SKEWED = MusicAttention.RELATIVE;
    static final AttentionVariant RELATIVE_LOCAL = MusicAttention.RELATIVE_LOCAL;

    static SweepOptions options;
    static SweepResult result;

    /** The paper's defaults at these sizes, one untimed call, memory check at {@code L = 128}. */
    static SweepOptions options(List<Integer> lengths, List<Integer> sides, int repetitions,
            List<AttentionVariant> variants, long memoryCapBytes) {
        SweepOptions d = SweepOptions.defaults();
        return new SweepOptions(lengths, sides, d.dModel(), d.heads(), d.batch(), repetitions, 1, variants,
                d.maxSeconds(), memoryCapBytes, 128, d.seed());
    }

    @BeforeAll
    static void sweep() {
        options = options(LENGTHS, List.of(8, 16), 2, List.of(FULL, LOCAL1D, LOCAL2D, PAIRWISE, SKEWED, RELATIVE_LOCAL),
                SweepOptions.DEFAULT_MEMORY_CAP);
        result = CostSweep.run(options, line -> { });
    }

    @Test
    void everyVariantIsMeasuredAtEveryPointWithFinitePositiveNumbers() {
        for (AttentionVariant v : options.variants()) {
            List<Geometry> points = CostSweep.points(options, v);
            for (Geometry g : points) {
                SweepRow r = result.row(v.id(), g.length()).orElseThrow(() -> new AssertionError(v.id() + " L="
                        + g.length() + " missing"));
                assertTrue(r.measured(), r.note());
                for (double x : new double[] {r.forward().median(), r.forward().min(), r.forward().max(),
                        r.forwardBackward().median(), r.forwardBackward().min(), r.forwardBackward().max(),
                        r.forwardFlops(), r.forwardBackwardFlops()}) {
                    assertTrue(Double.isFinite(x) && x > 0, v.id() + " L=" + g.length() + ": " + x);
                }
                assertEquals(2, r.forwardBackward().count());
                assertTrue(r.forward().min() <= r.forward().median() && r.forward().median() <= r.forward().max());
                assertTrue(r.measuredBytes() > 0 && r.analyticBytes() > 0);
            }
            SweepResult.Slope s = result.slope(v.id());
            assertTrue(Double.isFinite(s.time()) && Double.isFinite(s.memory()), v.id());
        }
        assertEquals(List.of(64, 256), List.of(result.row(LOCAL2D.id(), 64).orElseThrow().length(),
                result.row(LOCAL2D.id(), 256).orElseThrow().length()));
    }

    @Test
    void memoryScalesAsThePapersSay() {
        double full = result.slope(FULL.id()).memory();
        assertTrue(full >= 1.5 && full <= 2.5, "full attention memory slope " + full);
        double local1d = result.slope(LOCAL1D.id()).memory();
        assertTrue(local1d < 1.5, "local 1D memory slope " + local1d);
        double pairwise = result.slope(PAIRWISE.id()).memory();
        double skewed = result.slope(SKEWED.id()).memory();
        assertTrue(pairwise > skewed, "pairwise slope " + pairwise + " should exceed skewed " + skewed);
        long l = LENGTHS.get(LENGTHS.size() - 1);
        long pairwiseBytes = result.row(PAIRWISE.id(), (int) l).orElseThrow().measuredBytes();
        assertTrue(pairwiseBytes >= l * l * DH * 4, "pairwise at L=" + l + " allocated only " + pairwiseBytes);
    }

    @Test
    void measuredBytesAreNearTheAnalyticFormulas() {
        for (SweepRow r : result.rows()) {
            double ratio = (double) r.measuredBytes() / r.analyticBytes();
            assertTrue(ratio > 0.5 && ratio < 2, r.variant() + " L=" + r.length() + ": measured " + r.measuredBytes()
                    + " vs analytic " + r.analyticBytes());
        }
    }

    @Test
    void memoryCheckPutsSkewedFarBelowPairwise() {
        SweepResult.MemoryCheck c = result.memoryCheck().orElseThrow();
        assertEquals(128, c.length());
        assertTrue(c.pairwiseMeasured() > 0, c.pairwiseNote());
        assertTrue(c.skewedMeasured() * 4 < c.pairwiseMeasured(), c.toString());
        assertEquals((128L * DH + 128L * 128) * 4, c.skewedAnalytic());
        assertEquals(128L * 128 * DH * 4, c.pairwiseAnalytic());
    }

    @Test
    void aFirstPointOverTheMemoryCapIsNeitherWarmedUpNorMeasured() {
        // full attention at L = 50,000 needs 18.6 GiB (and a buffer beyond the engine's): the
        // JIT warm-up ran the first point whatever its size and stopped the sweep with a stack trace
        SweepResult r = CostSweep.run(options(List.of(50_000), List.of(8), 1, List.of(FULL),
                SweepOptions.DEFAULT_MEMORY_CAP), line -> { });
        SweepRow big = r.row(FULL.id(), 50_000).orElseThrow();
        assertFalse(big.measured());
        assertEquals("skipped (needs 18.63 GiB > cap 4.00 GiB)", big.note());
    }

    @Test
    void pointsOverTheMemoryCapAreSkippedWithTheirNeed() {
        SweepOptions capped = options(LENGTHS, List.of(8, 16), 2, List.of(PAIRWISE), 1L << 20);
        SweepResult r = CostSweep.run(capped, line -> { });
        SweepRow big = r.row(PAIRWISE.id(), 128).orElseThrow();
        assertFalse(big.measured());
        assertTrue(big.note().startsWith("skipped (needs "), big.note());
        assertEquals(-1, big.measuredBytes());
        assertTrue(r.memoryCheck().orElseThrow().pairwiseMeasured() < 0);
        assertTrue(r.memoryCheck().orElseThrow().pairwiseNote().contains("needs"));
    }

    @Test
    void writesMarkdownCsvAndChartsThatTheReportLinks(@TempDir Path out) throws IOException {
        List<Path> written = SweepWriter.write(result, out);
        assertEquals(4, written.size());
        for (Path p : written) {
            assertTrue(Files.size(p) > 0, p + " is empty");
        }
        String md = Files.readString(Outputs.result(out, SweepWriter.MARKDOWN));
        for (AttentionVariant v : options.variants()) {
            assertTrue(md.contains(v.id()), v.id());
        }
        assertTrue(md.contains("Log-log slopes") && md.contains("Memory check"));
        assertTrue(Outputs.recordedCommand(md).startsWith("./suite sweep --lengths 128,256,512"));
        List<String> csv = Files.readAllLines(Outputs.result(out, SweepWriter.CSV));
        assertEquals(1 + result.rows().size(), csv.size());
        byte[] png = Files.readAllBytes(Outputs.chart(out, SweepWriter.TIME_CHART));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);

        Report.Summary s = Report.build(out, MachineInfo.detect());
        String index = Files.readString(s.index());
        assertTrue(index.contains("](charts/" + SweepWriter.TIME_CHART + ")"), index);
        assertTrue(index.contains("](charts/" + SweepWriter.MEMORY_CHART + ")"));
        assertTrue(index.contains("cores") && index.contains("ND4J backend"));
        assertTrue(index.contains("not run yet: `./suite compare images"));
        assertTrue(Files.isRegularFile(out.resolve("charts/" + SweepWriter.TIME_CHART)));
    }

    /**
     * Regression: the log x axis was labelled only at 1000 (XChart's decades) and memory was in
     * bytes ("1E9"). Every measured length (local 2D's 64, then 128, 256, 512) must be a tick label,
     * the formatter must print each point's length, and memory must be in MiB.
     */
    @Test
    void chartsLabelEveryMeasuredLengthAndGiveUnits() {
        XYChart memory = SweepWriter.memoryChart(result);
        XYChart time = SweepWriter.timeChart(result);
        assertEquals("sequence length L (tokens, log scale)", memory.getXAxisTitle());
        assertEquals("memory allocated (MiB, log scale)", memory.getYAxisTitle());
        assertEquals("sequence length L (tokens, log scale)", time.getXAxisTitle());
        assertEquals("median time per call (s, log scale)", time.getYAxisTitle());
        for (XYChart chart : List.of(memory, time)) {
            Function<Double, String> format = chart.getStyler().getxAxisTickLabelsFormattingFunction();
            assertNotNull(format, "x tick labels need a formatter");
            for (AttentionVariant v : options.variants()) {
                XYSeries series = chart.getSeriesMap().get(v.id());
                List<Integer> lengths = CostSweep.points(options, v).stream().map(Geometry::length).toList();
                assertEquals(lengths.size(), series.getXData().length, v.id());
                for (int i = 0; i < lengths.size(); i++) {
                    assertEquals(String.valueOf(lengths.get(i)), format.apply(series.getXData()[i]), v.id());
                }
            }
            assertEquals(List.of("64", "128", "256", "512"), ChartTicks.xLabels(chart));
        }
        XYSeries full = memory.getSeriesMap().get(FULL.id());
        for (int i = 0; i < LENGTHS.size(); i++) {
            long bytes = result.row(FULL.id(), LENGTHS.get(i)).orElseThrow().measuredBytes();
            assertEquals(bytes / 1048576.0, full.getYData()[i], 1e-12 * bytes);
        }
    }

    @Test
    void leastSquaresSlopeOfAPowerLaw() {
        List<double[]> pts = new ArrayList<>();
        for (int l : new int[] {10, 20, 40, 80}) {
            pts.add(new double[] {Math.log(l), Math.log(3.0 * l * l)});
        }
        assertEquals(2.0, CostSweep.leastSquaresSlope(pts), 1e-12);
        assertTrue(Double.isNaN(CostSweep.leastSquaresSlope(pts.subList(0, 1))));
    }

    @Test
    void analyticScoreCountsMatchPlainLoops() {
        // local 1D: query i sees keys blockStart(i) − M·bl .. blockStart(i) + bl − 1 (the whole block rectangle)
        LocalAttention1d.Spec v = new LocalAttention1d.Spec(16, 1);
        int l = 100;
        long naive = 0;
        for (int qs = 0; qs < l; qs += 16) {
            for (int i = qs; i < Math.min(l, qs + 16); i++) {
                for (int j = 0; j < Math.min(l, qs + 16); j++) {
                    naive += j >= Math.max(0, qs - 16) ? 1 : 0;
                }
            }
        }
        assertEquals(naive, v.scoreEntries(l));
        assertEquals(l * (l + 1L) / 2, FULL.spec(new Geometry.Tokens(l)).scoreEntries(l));
        // local 2D with one block covering the image: every query sees the whole image
        LocalAttention2d.Spec one = new LocalAttention2d.Spec(8, 8, 1, 8, 8, 4, 4);
        assertEquals(64L * 64, one.scoreEntries(64));
    }

    @Test
    void badOptionsAreRejectedWithOneClearLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> options(LENGTHS, List.of(11), 2, options.variants(), SweepOptions.DEFAULT_MEMORY_CAP));
        assertTrue(e.getMessage().startsWith("image height 11: local2d splits it into query blocks of 4 to 8"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options(List.of(64, 32), List.of(8, 16), 2,
                options.variants(), SweepOptions.DEFAULT_MEMORY_CAP));
        assertThrows(IllegalArgumentException.class, () -> options(LENGTHS, List.of(8, 16), 0,
                options.variants(), SweepOptions.DEFAULT_MEMORY_CAP));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Variants.parse("sparse", "--attention"));
        assertEquals("--attention 'sparse' is unknown (known: full, local1d, local2d, relative, relative-shared, "
                + "absolute, relative-local, relative-pairwise)", unknown.getMessage());
        assertEquals(ImageAttention.LOCAL1D, Variants.parse("local1d", "--attention"));
        assertEquals(new LocalAttention1d.Spec(128, 1), LOCAL1D.spec(new Geometry.Tokens(512)));
    }
}

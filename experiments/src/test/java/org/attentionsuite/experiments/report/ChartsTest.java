package org.attentionsuite.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Chart configuration (not pixels): where the ticks go and what they say. */
class ChartsTest {
    private static final Charts.Axes LOG_LOG = new Charts.Axes("t", "L (tokens, log scale)", "MiB (log scale)", true,
            true);

    @Test
    void aLogAxisIsLabelledAtEveryMeasuredValueWhateverTheSeriesOrder() {
        // the first series skips 256 and 1024: without the hidden anchor XChart would see 512, 2048, 256, 1024
        XYChart chart = Charts.lines(LOG_LOG, List.of(
                new Charts.Series("sparse", new double[] {512, 2048}, new double[] {2, 8}),
                new Charts.Series("dense", new double[] {256, 512, 1024, 2048}, new double[] {1, 2, 4, 8})));
        assertEquals(List.of("256", "512", "1024", "2048"), ChartTicks.xLabels(chart));
        assertFalse(chart.getSeriesMap().get(Charts.TICK_ANCHOR).isShowInLegend());
        assertArrayEquals(new double[] {9, 11}, chart.getSeriesMap().get("sparse").getXData(), 1e-12);
        assertArrayEquals(new double[] {2, 8}, chart.getSeriesMap().get("sparse").getYData());
    }

    @Test
    void theFormatterPrintsTheValueOfAPosition() {
        assertEquals("576", Log2Axis.label(Log2Axis.position(576)));
        assertEquals("4096", Log2Axis.label(Log2Axis.position(4096)));
        assertEquals("1.50", Log2Axis.label(Log2Axis.position(1.5)));
        assertEquals("1", Log2Axis.label(0));
    }

    @Test
    void pointsThatALogAxisCannotShowAreLeftOutAndLinearAxesAreLeftAlone() {
        XYChart log = Charts.lines(LOG_LOG, List.of(
                new Charts.Series("a", new double[] {0, 64, 128}, new double[] {1, -1, 3})));
        assertArrayEquals(new double[] {7}, log.getSeriesMap().get("a").getXData(), 1e-12);
        XYChart linear = Charts.lines(new Charts.Axes("t", "wall time (s)", "bits/dim", false, false), List.of(
                new Charts.Series("b", new double[] {0, 10, 20}, new double[] {8, 5, 4})));
        assertNull(linear.getStyler().getxAxisTickLabelsFormattingFunction());
        assertArrayEquals(new double[] {0, 10, 20}, linear.getSeriesMap().get("b").getXData());
        assertEquals(1, linear.getSeriesMap().size());
    }

    @Test
    void linesOfAGroupShareAColourAndDifferInMarkerAndDash() {
        List<Charts.Series> series = new ArrayList<>();
        for (String arm : List.of("full", "local1d", "local2d")) {
            for (int seed = 1; seed <= 3; seed++) {
                series.add(new Charts.Series(arm + " seed " + seed, arm, new double[] {1, 2}, new double[] {3, 2}));
            }
        }
        var map = Charts.lines(new Charts.Axes("t", "step", "loss", false, false), series).getSeriesMap();
        // 9 lines but 3 groups: a palette of 8 colours would give the ninth line the first one's colour
        assertEquals(map.get("local2d seed 1").getLineColor(), map.get("local2d seed 3").getLineColor());
        assertNotEquals(map.get("full seed 1").getLineColor(), map.get("local2d seed 3").getLineColor());
        assertNotEquals(map.get("full seed 1").getLineColor(), map.get("local1d seed 1").getLineColor());
        assertNotEquals(map.get("local2d seed 1").getMarker(), map.get("local2d seed 2").getMarker());
        assertNotEquals(map.get("local2d seed 2").getLineStyle(), map.get("local2d seed 3").getLineStyle());
        assertEquals(map.get("full seed 2").getMarker(), map.get("local1d seed 2").getMarker());
    }
}

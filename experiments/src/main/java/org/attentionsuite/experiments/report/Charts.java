package org.attentionsuite.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.PngFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts (XChart) written as PNG, atomically. */
public final class Charts {
    /**
     * One line of a chart: its name, its group and points. The lines of a group share a colour and
     * differ in marker and dash (an arm's seeds), so that groups stay apart however many lines
     * there are.
     */
    public record Series(String name, String group, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new UserError("series " + name + ": " + x.length + " x values, " + y.length
                        + " y values");
            }
            x = x.clone();
            y = y.clone();
        }

        /** A line in a group of its own. */
        public Series(String name, double[] x, double[] y) {
            this(name, name, x, y);
        }
    }

    /**
     * A chart's look.
     *
     * @param title  chart title
     * @param xTitle x-axis title
     * @param yTitle y-axis title
     * @param logX   logarithmic x axis, labelled at the measured values ({@link Log2Axis})
     * @param logY   logarithmic y axis
     */
    public record Axes(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
    }

    /** Name of the hidden series that puts the x ticks of a log axis at the measured values. */
    static final String TICK_ANCHOR = "(x ticks)";

    /** Distinguishable colours (Okabe-Ito, plus black and grey). */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(213, 94, 0), new Color(86, 180, 233), new Color(0, 0, 0),
        new Color(150, 150, 150)};

    /** Markers and dashes of the lines within a group, in order. */
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
    private static final BasicStroke[] DASHES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};

    private Charts() {
    }

    /**
     * Draws one line per series (series without points are left out; on a log axis, points
     * {@code <= 0} are left out) and writes the PNG to {@code target}.
     */
    public static Path writeLines(Path target, Axes axes, List<Series> series) {
        return write(target, lines(axes, series));
    }

    /** Renders {@code chart} and writes the PNG to {@code target}; returns {@code target}. */
    public static Path write(Path target, XYChart chart) {
        PngFiles.write(BitmapEncoder.getBufferedImage(chart), target);
        return target;
    }

    /**
     * The chart {@link #writeLines} draws, not yet rendered (for inspection). A logarithmic x axis
     * is labelled with the measured x values ({@link Log2Axis}): the series' x are then positions
     * {@code log2(x)} and the x tick formatter prints the value of a position.
     */
    public static XYChart lines(Axes axes, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(900).height(600).title(axes.title()).xAxisTitle(axes.xTitle())
                .yAxisTitle(axes.yTitle()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setYAxisLogarithmic(axes.logY());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<String> names = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Series s : series) {
            double[][] kept = keep(s, axes);
            if (kept[0].length > 0) {
                names.add(s.name());
                groups.add(s.group());
                xs.add(axes.logX() ? Arrays.stream(kept[0]).map(Log2Axis::position).toArray() : kept[0]);
                ys.add(kept[1]);
            }
        }
        if (axes.logX()) {
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Log2Axis::label);
            if (!xs.isEmpty()) {
                double[] ticks = Log2Axis.ticks(xs);
                double[] level = new double[ticks.length];
                Arrays.fill(level, ys.get(0)[0]);                 // inside the y range, never drawn
                XYSeries anchor = chart.addSeries(TICK_ANCHOR, ticks, level);
                anchor.setShowInLegend(false);
                anchor.setMarker(SeriesMarkers.NONE);
                anchor.setLineStyle(SeriesLines.NONE);
            }
        }
        List<String> groupOrder = groups.stream().distinct().toList();
        Map<String, Integer> inGroup = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            XYSeries xy = chart.addSeries(names.get(i), xs.get(i), ys.get(i));
            Color colour = PALETTE[groupOrder.indexOf(groups.get(i)) % PALETTE.length];
            int k = inGroup.merge(groups.get(i), 1, Integer::sum) - 1;      // this line's place in its group
            xy.setLineColor(colour);
            xy.setMarkerColor(colour);
            xy.setMarker(MARKERS[k % MARKERS.length]);
            xy.setLineStyle(DASHES[k % DASHES.length]);
        }
        if (names.isEmpty()) {
            chart.addSeries("(no data)", new double[] {1}, new double[] {1});
        }
        return chart;
    }

    private static double[][] keep(Series s, Axes axes) {
        int n = 0;
        double[] x = new double[s.x().length];
        double[] y = new double[s.y().length];
        for (int i = 0; i < x.length; i++) {
            double xi = s.x()[i];
            double yi = s.y()[i];
            boolean ok = Double.isFinite(xi) && Double.isFinite(yi) && (!axes.logX() || xi > 0)
                    && (!axes.logY() || yi > 0);
            if (ok) {
                x[n] = xi;
                y[n] = yi;
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(x, n), Arrays.copyOf(y, n)};
    }
}

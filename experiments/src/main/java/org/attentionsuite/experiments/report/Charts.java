package org.attentionsuite.experiments.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.PngFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line charts (XChart) written as PNG, atomically. */
public final class Charts {
    /** One line of a chart: its name and points. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new UserError("series " + name + ": " + x.length + " x values, " + y.length
                        + " y values");
            }
            x = x.clone();
            y = y.clone();
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
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Series s : series) {
            double[][] kept = keep(s, axes);
            if (kept[0].length > 0) {
                names.add(s.name());
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
        for (int i = 0; i < names.size(); i++) {
            XYSeries xy = chart.addSeries(names.get(i), xs.get(i), ys.get(i));
            xy.setMarker(SeriesMarkers.CIRCLE);
            xy.setLineColor(PALETTE[i % PALETTE.length]);
            xy.setMarkerColor(PALETTE[i % PALETTE.length]);
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

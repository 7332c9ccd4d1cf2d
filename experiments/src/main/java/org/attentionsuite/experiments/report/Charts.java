package org.attentionsuite.experiments.report;

import org.attentionsuite.core.UserError;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.io.PngFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
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
     * @param logX   logarithmic x axis
     * @param logY   logarithmic y axis
     */
    public record Axes(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
    }

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
        XYChart chart = new XYChartBuilder().width(900).height(600).title(axes.title()).xAxisTitle(axes.xTitle())
                .yAxisTitle(axes.yTitle()).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLogarithmic(axes.logX());
        chart.getStyler().setYAxisLogarithmic(axes.logY());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int drawn = 0;
        for (Series s : series) {
            double[][] kept = keep(s, axes);
            if (kept[0].length == 0) {
                continue;
            }
            XYSeries xy = chart.addSeries(s.name(), kept[0], kept[1]);
            xy.setMarker(SeriesMarkers.CIRCLE);
            drawn++;
        }
        if (drawn == 0) {
            chart.addSeries("(no data)", new double[] {1}, new double[] {1});
        }
        PngFiles.write(BitmapEncoder.getBufferedImage(chart), target);
        return target;
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
        return new double[][] {java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n)};
    }
}

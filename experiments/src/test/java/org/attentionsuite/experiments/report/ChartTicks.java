package org.attentionsuite.experiments.report;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The x tick labels XChart actually draws for a chart, read after rendering it. XChart keeps its
 * axes package-private, so this test helper reads them by reflection ({@code Chart.getXAxis()}).
 */
public final class ChartTicks {
    private ChartTicks() {
    }

    /** Renders {@code chart} (900x600 as written) and returns its x tick labels, left to right, blanks left out. */
    public static List<String> xLabels(XYChart chart) {
        BitmapEncoder.getBufferedImage(chart);
        try {
            Method getXAxis = Chart.class.getDeclaredMethod("getXAxis");
            getXAxis.setAccessible(true);
            Axis<?, ?> axis = (Axis<?, ?>) getXAxis.invoke(chart);
            return axis.getAxisTickCalculator().getTickLabels().stream().filter(Objects::nonNull)
                    .filter(label -> !label.isBlank()).toList();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart's axes changed: " + e, e);
        }
    }
}

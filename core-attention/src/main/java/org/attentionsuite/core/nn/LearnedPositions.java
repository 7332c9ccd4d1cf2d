package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;

/** A learned table of absolute position vectors {@code (maxLength, D)} (as in GPT). */
public final class LearnedPositions implements PositionEncoding {
    private final Param table;

    public LearnedPositions(Params params, String name, int maxLength, int dim, double initStd) {
        table = params.add(name, maxLength, dim, Init.normal(initStd));
    }

    @Override
    public void addTo(Mat x, int batch, int length, int start) {
        SinusoidalPositions.checkRange(start, length, table.rows());
        Mat t = table.value().rows(start, length);
        for (int b = 0; b < batch; b++) {
            x.rows(b * length, length).addScaled(t, 1.0);
        }
    }

    @Override
    public void backward(Mat dx, int batch, int length, int start) {
        Mat g = table.grad().rows(start, length);
        for (int b = 0; b < batch; b++) {
            g.addScaled(dx.rows(b * length, length), 1.0);
        }
    }
}

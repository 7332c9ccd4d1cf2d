package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Fixed sinusoidal encoding (Vaswani et al. 2017, §3.5):
 * {@code PE(p, 2i) = sin(p / 10000^(2i/D))}, {@code PE(p, 2i+1) = cos(p / 10000^(2i/D))}.
 */
public final class SinusoidalPositions implements PositionEncoding {
    private final Mat table; // (maxLength, D)

    public SinusoidalPositions(Precision precision, int maxLength, int dim) {
        table = Mat.zeros(precision, maxLength, dim);
        for (int p = 0; p < maxLength; p++) {
            for (int i = 0; i < dim; i += 2) {
                double angle = p / Math.pow(10000.0, (double) i / dim);
                table.set(p, i, Math.sin(angle));
                if (i + 1 < dim) {
                    table.set(p, i + 1, Math.cos(angle));
                }
            }
        }
    }

    /** The encoding of position {@code p}, dimension {@code j}. */
    public double value(int p, int j) {
        return table.get(p, j);
    }

    @Override
    public void addTo(Mat x, int batch, int length, int start) {
        checkRange(start, length, table.rows());
        for (int b = 0; b < batch; b++) {
            x.rows(b * length, length).addScaled(table.rows(start, length), 1.0);
        }
    }

    @Override
    public void backward(Mat dx, int batch, int length, int start) {
        // fixed: nothing to learn
    }

    static void checkRange(int start, int length, int max) {
        if (start < 0 || start + length > max) {
            throw new IllegalArgumentException("positions " + start + ".." + (start + length - 1)
                    + " exceed the model's maximum length " + max);
        }
    }
}

package org.attentionsuite.spark;

import java.io.Serializable;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * A copy of a buffer's values that can travel between the driver and the executors, in the
 * buffer's own precision (exactly one of the arrays is set).
 */
record Values(float[] floats, double[] doubles) implements Serializable {
    /** The values of {@code s}. */
    static Values of(Storage s) {
        return s.precision() == Precision.FLOAT32 ? new Values(s.array().data().asFloat(), null)
                : new Values(null, s.array().data().asDouble());
    }

    /** Writes these values into {@code s}, which has the same precision and size. */
    void into(Storage s) {
        int n = floats != null ? floats.length : doubles.length;
        if (s.size() != n || (floats != null) != (s.precision() == Precision.FLOAT32)) {
            throw new IllegalArgumentException(n + " " + (floats != null ? "float32" : "float64") + " values do not "
                    + "fit a buffer of " + s.size() + " " + s.precision());
        }
        if (floats != null) {
            s.array().data().setData(floats);
        } else {
            s.array().data().setData(doubles);
        }
    }
}

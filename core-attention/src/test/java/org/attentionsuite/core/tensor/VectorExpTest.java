package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorExpTest {
    @Test
    void vectorAndScalarExpAgreeWithMathExpAndWithEachOther() {
        int w = FloatVector.SPECIES_PREFERRED.length();
        float[] xs = new float[w];
        float[] out = new float[w];
        double worst = 0;
        for (float x = -80f; x <= 80f; x += 0.01137f * w) {
            for (int i = 0; i < w; i++) {
                xs[i] = x + 0.01137f * i;
            }
            Lanes.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, xs, 0)).intoArray(out, 0);
            for (int i = 0; i < w; i++) {
                double want = Math.exp(xs[i]);
                worst = Math.max(worst, Math.abs(out[i] - want) / want);
                assertEquals(out[i], Lanes.exp(xs[i]), 0.0, "scalar twin differs at " + xs[i]);
            }
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
        assertEquals(1.0f, Lanes.exp(0f), 0.0);
        assertTrue(Lanes.exp(-1000f) < 1e-37);
    }
}

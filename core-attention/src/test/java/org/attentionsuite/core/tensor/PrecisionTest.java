package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrecisionTest {
    @Test
    void bytesPerElementAreTheWidthsOfFloatAndDouble() {
        assertEquals(Float.BYTES, Precision.FLOAT32.bytes());
        assertEquals(Double.BYTES, Precision.FLOAT64.bytes());
    }
}

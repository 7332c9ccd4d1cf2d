package org.attentionsuite.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitsPerDimTest {

    @Test
    void uniformOver256IntensitiesIsEightBits() {
        // NLL of a uniform categorical over 256 values is ln 256 nats = 8 bits.
        assertEquals(8.0, BitsPerDim.fromNats(Math.log(256)), 1e-12);
    }

    @Test
    void oneNatIsOneOverLnTwoBits() {
        assertEquals(1.4426950408889634, BitsPerDim.fromNats(1.0), 1e-15);
    }

    @Test
    void totalNatsAreAveragedOverDimensions() {
        // 10 images of 28x28x1 at exactly 2 bits each intensity.
        long dims = 10L * 28 * 28;
        double totalNats = dims * 2 * Math.log(2);
        assertEquals(2.0, BitsPerDim.fromTotalNats(totalNats, dims), 1e-12);
    }

    @Test
    void toNatsInvertsFromNats() {
        assertEquals(3.25, BitsPerDim.fromNats(BitsPerDim.toNats(3.25)), 1e-12);
    }

    @Test
    void rejectsNegativeOrNonFiniteValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitsPerDim.fromNats(-0.5));
        assertTrue(e.getMessage().contains("-0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitsPerDim.fromNats(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> BitsPerDim.fromTotalNats(1.0, 0));
    }
}

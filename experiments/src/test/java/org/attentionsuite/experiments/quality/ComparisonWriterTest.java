package org.attentionsuite.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How the comparison report writes a mean over seeds. */
class ComparisonWriterTest {
    @Test
    void theSpreadGetsTwoSignificantDigitsAndTheMeanItsDecimalPlaces() {
        assertEquals("3.0110 ± 0.0017", ComparisonWriter.pm(new ComparisonResult.Stat(3.011, 0.001699, 3), 4));
        assertEquals("3.018 ± 0.011", ComparisonWriter.pm(new ComparisonResult.Stat(3.01803, 0.01064, 3), 4));
        assertEquals("0.568 ± 0.010", ComparisonWriter.pm(new ComparisonResult.Stat(0.568, 0.009996, 3), 4));
        assertEquals("4350 ± 520", ComparisonWriter.pm(new ComparisonResult.Stat(4350, 523.4, 3), 0));
        assertEquals("12000 ± 0", ComparisonWriter.pm(new ComparisonResult.Stat(12000, 0, 3), 0));
        assertEquals("0.568", ComparisonWriter.pm(new ComparisonResult.Stat(0.568, Double.NaN, 1), 4));
        assertEquals("-", ComparisonWriter.pm(new ComparisonResult.Stat(Double.NaN, Double.NaN, 0), 4));
    }
}

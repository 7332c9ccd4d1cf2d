package org.attentionsuite.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownTest {
    @Test
    void zeroDigitsRoundToAWholeNumber() {
        assertEquals("1728", Markdown.num(1727.614825448, 0));      // printed 1727.6148254480001469… before
        assertEquals("3000", Markdown.num(3000.0, 0));
        assertEquals("3.14", Markdown.num(3.14159, 3));
    }
}

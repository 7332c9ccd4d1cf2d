package org.attentionsuite.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ImageDataExceptionTest {

    @Test
    void messageIsAlwaysOneLine() {
        ImageDataException e = new ImageDataException("a.gz: cannot read (first\n  second\r\nthird)\n",
                new IOException("cause"));
        assertEquals("a.gz: cannot read (first second third)", e.getMessage());
        assertEquals("cause", e.getCause().getMessage());
    }

    @Test
    void requiresAMessage() {
        assertThrows(IllegalArgumentException.class, () -> new ImageDataException(" "));
    }
}

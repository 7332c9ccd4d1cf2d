package org.attentionsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalTest {
    @Test
    void theLaunchersPropertyDecidesOverTheConsole() {
        String before = System.getProperty(Terminal.INTERACTIVE_PROPERTY);
        try {
            System.setProperty(Terminal.INTERACTIVE_PROPERTY, "true");
            assertTrue(Terminal.interactive());
            System.setProperty(Terminal.INTERACTIVE_PROPERTY, "false");
            assertFalse(Terminal.interactive());
            System.clearProperty(Terminal.INTERACTIVE_PROPERTY);
            assertEquals(System.console() != null, Terminal.interactive(), "without the launcher: a console");
        } finally {
            if (before == null) {
                System.clearProperty(Terminal.INTERACTIVE_PROPERTY);
            } else {
                System.setProperty(Terminal.INTERACTIVE_PROPERTY, before);
            }
        }
    }
}

package org.attentionsuite.core.io;

/**
 * Whether progress on standard error may redraw a line in place ({@code \r}) or should print one
 * line per update (logs, CI). The {@code ./suite} launcher decides it from {@code [ -t 2 ]} and
 * passes {@code -Dsuite.interactive=true|false}, because it may hand the JVM a pipe instead of the
 * terminal (to drop the JVM's incubator warning); without the property, a console must be attached.
 */
public final class Terminal {
    /** The system property the launcher sets. */
    public static final String INTERACTIVE_PROPERTY = "suite.interactive";

    private Terminal() {
    }

    /** Whether standard error is a terminal that shows carriage-return updates. */
    public static boolean interactive() {
        String v = System.getProperty(INTERACTIVE_PROPERTY);
        if (v != null && !v.isBlank()) {
            return Boolean.parseBoolean(v.trim());
        }
        return System.console() != null;
    }
}

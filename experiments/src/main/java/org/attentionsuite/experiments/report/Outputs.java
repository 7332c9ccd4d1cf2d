package org.attentionsuite.experiments.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionsuite.core.io.AtomicFiles;

/**
 * The layout of an output folder and atomic writes into it. Inside a folder {@code out}
 * (default {@code report/}): tables in {@code out/results/}, charts in {@code out/charts/}, and the
 * gathered {@code out/index.md}. Every file is written to a temporary file in its own directory
 * and renamed over the target, so a reader never sees half a file.
 *
 * <p>Every results Markdown file carries one line {@value #COMMAND_PREFIX}{@code `./suite ...`}
 * with the command that reproduces it; {@link Report} collects those lines.
 */
public final class Outputs {
    /** Sub-folder of tables (Markdown, CSV). */
    public static final String RESULTS = "results";
    /** Sub-folder of PNG charts. */
    public static final String CHARTS = "charts";
    /** Start of the line that records the reproducing command in a results Markdown file. */
    public static final String COMMAND_PREFIX = "Command: ";

    private static final Pattern COMMAND = Pattern.compile("(?m)^" + Pattern.quote(COMMAND_PREFIX) + "`([^`]+)`");

    private Outputs() {
    }

    /** {@code out/results/name}. */
    public static Path result(Path out, String name) {
        return out.resolve(RESULTS).resolve(name);
    }

    /** {@code out/charts/name}. */
    public static Path chart(Path out, String name) {
        return out.resolve(CHARTS).resolve(name);
    }

    /** The {@value #COMMAND_PREFIX} line for a results file. */
    public static String commandLine(String command) {
        return COMMAND_PREFIX + "`" + command + "`";
    }

    /** The command recorded in a results Markdown text, or {@code null} if it has none. */
    public static String recordedCommand(String markdown) {
        Matcher m = COMMAND.matcher(markdown);
        return m.find() ? m.group(1) : null;
    }

    /** Writes UTF-8 text atomically, creating parent folders. */
    public static Path writeString(Path target, String text) {
        return writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes atomically ({@link AtomicFiles}), creating parent folders. */
    public static Path writeBytes(Path target, byte[] bytes) {
        AtomicFiles.write(target, bytes);
        return target;
    }
}

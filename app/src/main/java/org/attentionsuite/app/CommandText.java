package org.attentionsuite.app;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The command line that is running, as one line a user can paste into a shell: {@code ./suite}
 * and the arguments, each quoted for a POSIX shell where needed ({@code 'my samples'}). Written
 * into outputs so that they say what made them.
 */
public final class CommandText {
    /** Arguments made only of these characters need no quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private CommandText() {
    }

    /** The whole command line of the running (sub)command {@code spec}. */
    public static String of(CommandLine.Model.CommandSpec spec) {
        return of(spec.root().commandLine().getParseResult().originalArgs());
    }

    /** {@code ./suite} followed by {@code args}, quoted where needed. */
    public static String of(List<String> args) {
        return args.stream().map(CommandText::quote).collect(Collectors.joining(" ", "./suite ", ""));
    }

    private static String quote(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}

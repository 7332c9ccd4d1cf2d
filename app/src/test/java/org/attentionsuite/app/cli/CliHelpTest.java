package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command, option and parameter a user can see explains itself in {@code --help}. */
class CliHelpTest {
    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub)) {
                all.addAll(commands(sub));
            }
        }
        return all;
    }

    private static boolean described(String[] lines) {
        return lines.length > 0 && String.join(" ", lines).strip().length() >= 8;
    }

    @Test
    void everyVisibleOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        int options = 0;
        for (CommandLine cmd : commands(new CommandLine(new SuiteCli()))) {
            CommandSpec spec = cmd.getCommandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            if (!described(spec.usageMessage().description())) {
                missing.add(spec.qualifiedName() + " (command)");
            }
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec arg : args) {
                if (arg.hidden()) {
                    continue;
                }
                options++;
                if (!described(arg.description())) {
                    String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
                    missing.add(spec.qualifiedName() + " " + name);
                }
            }
        }
        assertTrue(options > 100, "walked the whole command tree: " + options);
        assertEquals(List.of(), missing, "options and commands without a description");
    }

    @Test
    void everyCommandPrintsItsHelp() {
        for (CommandLine cmd : commands(new CommandLine(new SuiteCli()))) {
            List<String> path = new ArrayList<>(List.of(cmd.getCommandSpec().qualifiedName().split(" ")));
            path.remove(0);
            path.add("--help");
            StringWriter out = new StringWriter();
            CommandLine fresh = new CommandLine(new SuiteCli());
            fresh.setOut(new PrintWriter(out));
            int code = fresh.execute(path.toArray(String[]::new));
            assertEquals(0, code, String.join(" ", path));
            assertTrue(out.toString().contains("Usage: " + cmd.getCommandSpec().qualifiedName()),
                    String.join(" ", path) + ":\n" + out);
        }
    }
}

package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The "Defaults:" line of the training commands' help states what they use: every default it
 * gives as a plain value ({@code --size 28}, not {@code --warmup min(200, steps/10)}) is the value
 * the command holds after resolving a command line that gives no options, which comes from the
 * domain's defaults record ({@code ImageTrainingOptions.defaults()},
 * {@code MusicTrainingOptions.defaults()}).
 */
class CommandDefaultsTest {
    /** {@code --name value}, the value one token without a parenthesis after it. */
    private static final Pattern PLAIN = Pattern.compile("--([a-z-]+) ([^ ,(]+?)(?=,|\\.?$)");

    @Test
    void imageTrainHelpStatesItsDefaults() {
        ImageCommand.Train train = new ImageCommand.Train();
        check(train, train::options);
    }

    @Test
    void musicTrainHelpStatesItsDefaults() {
        MusicCommand.Train train = new MusicCommand.Train();
        check(train, train::options);
    }

    private static void check(Object command, Callable<?> resolve) {
        CommandLine cl = new CommandLine(command);
        cl.parseArgs();
        try {
            resolve.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        CommandSpec spec = cl.getCommandSpec();
        String line = Arrays.stream(spec.usageMessage().description()).filter(l -> l.startsWith("Defaults:"))
                .findFirst().orElseThrow();
        Map<String, String> stated = new LinkedHashMap<>();
        Matcher m = PLAIN.matcher(line);
        while (m.find()) {
            stated.put("--" + m.group(1), m.group(2));
        }
        assertTrue(stated.size() >= 10, "read the plain defaults of: " + line + " -> " + stated);
        stated.forEach((name, value) -> {
            OptionSpec o = spec.findOption(name);
            assertTrue(o != null, spec.qualifiedName() + " has the option " + name + " its help names");
            Object used = o.getValue();
            if ("default".equals(String.valueOf(used))) {
                return;                                 // defers to the domain's own (the schedule shape)
            }
            if (used instanceof Number n) {
                assertEquals(Double.parseDouble(value), n.doubleValue(), 0.0, spec.qualifiedName() + " " + name);
            } else {
                assertEquals(value, String.valueOf(used), spec.qualifiedName() + " " + name);
            }
        });
    }
}

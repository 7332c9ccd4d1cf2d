package org.attentionsuite.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.fuzz.FuzzTarget;
import picocli.CommandLine;

/**
 * The config-file reader as a fuzz target: each input, written to a file, is given as
 * {@code --config} to {@code image train} and to {@code music train} and goes as far as a run
 * goes before its work starts: {@link ConfigFiles#install}, the parse of the command line with
 * the file's values, and the run's validated options ({@link ImageCommand.Train#options},
 * {@link MusicCommand.Train#options}). The invariant: at least one of the two reads the input and
 * every refusal is a {@link UserError} (which the command line prints as one {@code error:} line);
 * anything else thrown (a picocli {@code ParameterException} included: it prints the usage, not
 * one line), or an input too slow or too hungry, is a finding.
 */
final class ConfigFuzzTarget implements FuzzTarget {
    private static final List<List<String>> COMMANDS = List.of(List.of("image", "train"), List.of("music", "train"));

    private final CommandLine cli = new CommandLine(new SuiteCli());
    private final Path file;
    private final Path out;

    /** @param scratch a folder for the file each input is written to (nothing else is written) */
    ConfigFuzzTarget(Path scratch) {
        try {
            Files.createDirectories(scratch);
            this.file = Files.createTempFile(scratch, "fuzz", ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.out = scratch.resolve("never-written");
    }

    @Override
    public void run(byte[] input) throws IOException {
        Files.write(file, input);
        UserError refusal = null;
        int read = 0;
        for (List<String> command : COMMANDS) {
            try {
                options(command);
                read++;
            } catch (UserError e) {
                refusal = e;
            }
        }
        if (read == 0) {
            throw refusal;
        }
    }

    /** What {@code command --config FILE} does before its work starts. */
    private void options(List<String> command) {
        CommandLine leaf = cli.getSubcommands().get(command.get(0)).getSubcommands().get(command.get(1));
        leaf.getCommandSpec().defaultValueProvider(null);         // the last input's values are gone, as in a new run
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(ConfigFiles.CONFIG, file.toString(), "--out", out.toString()));
        String[] array = args.toArray(String[]::new);
        ConfigFiles.install(cli, array);
        Object parsed = cli.parseArgs(array).subcommand().subcommand().commandSpec().userObject();
        if (parsed instanceof ImageCommand.Train image) {
            image.options();
        } else {
            ((MusicCommand.Train) parsed).options();
        }
    }

    @Override
    public boolean isRejection(Throwable thrown) {
        return thrown instanceof UserError;
    }

    @Override
    public String extension() {
        return ".json";
    }

    /**
     * The seeds: the four recipes' kinds of file (their data bundled), then one file per kind of
     * hostile value: null, an object, a nested list, a list holding null, a word for a number, a
     * number beyond a long and beyond a double, NaN, a boolean as a number, a NUL character, a
     * 20,000-character string, lists nested 300 deep (past the parser's limit of 255) and 200 deep,
     * a duplicated key, JSON only a lenient parser reads (comments, single quotes, bare words), a
     * trailing word, and files that are not an object (a list, a string, null, nothing).
     */
    static List<byte[]> seeds() {
        List<String> texts = new ArrayList<>(List.of(
                "{\"data\": \"bundled\", \"size\": 28, \"channels\": 1, \"conditional\": true, \"validation\": 256, "
                        + "\"attention\": \"local2d\", \"d-model\": 16, \"heads\": 2, \"layers\": 1, \"dropout\": 0.0, "
                        + "\"steps\": 100, \"batch\": 4, \"lr\": 0.003, \"warmup\": 20, \"eval-every\": 50, "
                        + "\"patience\": 4, \"seed\": 1}",
                "{\"data\": \"bundled\", \"size\": 16, \"channels\": 3, \"flip\": true, \"limit\": 500, "
                        + "\"attention\": \"local1d\", \"schedule\": \"cosine\", \"init\": \"none.ckpt\"}",
                "{\"data\": \"bundled,bundled\", \"attention\": \"relative\", \"length\": 512, \"d-model\": 192, "
                        + "\"heads\": 6, \"layers\": 4, \"dropout\": 0.2, \"steps\": 12000, \"batch\": 8, "
                        + "\"lr\": 0.001, \"warmup\": 500, \"eval-every\": 250, \"patience\": 8, \"seed\": 1}",
                "{\"chorales\": \"bundled\", \"attention\": \"relative\", \"length\": 512, \"transpose\": 3, "
                        + "\"schedule\": \"inverse-sqrt\", \"d-model\": [192], \"heads\": \"6\"}",
                "{\"steps\": null}",
                "{\"d-model\": {\"a\": 1}}",
                "{\"heads\": [1, [2]]}",
                "{\"layers\": [null]}",
                "{\"batch\": \"eight\"}",
                "{\"seed\": 99999999999999999999999, \"steps\": 1e400}",
                "{\"lr\": 1e400, \"dropout\": -1e-400}",
                "{\"lr\": NaN}",
                "{\"conditional\": 1, \"flip\": \"maybe\"}",
                "{\"attention\": \"relative\\u0000\"}",
                "{\"attention\": \"" + "x".repeat(20_000) + "\"}",
                "{\"length\": " + "[".repeat(300) + "]".repeat(300) + "}",
                "{\"length\": " + "[".repeat(200) + "64" + "]".repeat(200) + "}",
                "{\"steps\": 10, \"steps\": 20}",
                "{steps: 10, 'lr': 0.01, /* a comment */ attention: relative}",
                "{\"steps\": 10} trailing",
                "[\"steps\", 10]",
                "\"steps\"",
                "null",
                " "));
        List<byte[]> seeds = new ArrayList<>();
        texts.forEach(t -> seeds.add(t.getBytes(StandardCharsets.UTF_8)));
        return List.copyOf(seeds);
    }
}

package org.attentionsuite.app.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Run configurations as files: {@code --config run.json} (or a named recipe, {@code --recipe NAME},
 * which is {@code recipes/NAME.json} in the suite's folder) gives option values as a JSON object
 * whose keys are long option names without {@code --} ({@code {"d-model": 128, "conditional": true}});
 * options on the command line win over the file. Files are read before the command runs, as
 * picocli default values of the command that will run, so a file and the same flags make exactly
 * the same run. {@link #recorded} gives the other direction: the options a run used, in the same
 * form, which checkpoints keep and {@code inspect --write-config} writes back.
 */
final class ConfigFiles {
    static final String CONFIG = "--config";
    static final String RECIPE = "--recipe";
    /** Options never read from or written to a config file: they say where and how, not what. */
    static final Set<String> NOT_RECORDED = Set.of(CONFIG, RECIPE, "--out", "--resume", "--overwrite", "--help",
            "--version", "--workers", "--spark");
    /** A config file is one JSON object of option values: a few hundred bytes, read whole, at most 1 MiB. */
    static final UserFiles.Kind FILE = UserFiles.Kind.of("config file", 1 << 20);

    private ConfigFiles() {
    }

    /**
     * If {@code args} name a config file or recipe for a command that takes one, installs its values
     * as that command's defaults.
     *
     * @throws UserError naming the file if it is missing, not a JSON object, names an option the
     *     command does not have, or gives an option a value of the wrong type (null, an object, a
     *     word for a number, a number too large for the option)
     */
    static void install(CommandLine root, String[] args) {
        ParseResult parsed;
        try {
            parsed = root.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return;                                            // the real run reports it
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandSpec spec = leaf.commandSpec();
        if (spec.findOption(RECIPE) == null || spec.findOption(CONFIG) == null) {
            return;
        }
        Path config = leaf.matchedOptionValue(CONFIG, null);
        String recipe = leaf.matchedOptionValue(RECIPE, null);
        if (config != null && recipe != null) {
            throw new UserError("give either " + CONFIG + " or " + RECIPE + ", not both");
        }
        if (config == null && recipe == null) {
            return;
        }
        Path file = config != null ? config : recipeFile(recipe);
        JsonObject values = read(file);
        Set<String> known = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            if (!NOT_RECORDED.contains(o.longestName()) && !o.hidden()) {
                known.add(key(o));
            }
        }
        Map<String, String> texts = new TreeMap<>();
        for (String k : values.keySet()) {
            if (!known.contains(k)) {
                throw new UserError(file + ": '" + k + "' is not an option of " + spec.qualifiedName() + " (known: "
                        + String.join(", ", known) + ")");
            }
            texts.put(k, text(file, k, values.get(k)));
        }
        spec.defaultValueProvider(arg -> arg instanceof OptionSpec o && texts.containsKey(key(o)) ? texts.get(key(o))
                : arg.defaultValue());
        try {
            root.parseArgs(args);                              // converts the file's values now, to name a wrong one
        } catch (CommandLine.ParameterException e) {
            if (e.getArgSpec() instanceof OptionSpec o && texts.containsKey(key(o)) && !leaf.hasMatchedOption(o)) {
                String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                        : e.getMessage();
                throw new UserError(file + ": '" + key(o) + "': " + why, e);
            }                                                  // else the command line's own mistake: the run reports it
        }
    }

    /** {@code recipes/NAME.json} in the suite's folder ({@link SuiteHome}). */
    static Path recipeFile(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new UserError(RECIPE + " '" + name + "' must be a recipe name like fashion-mnist");
        }
        Path dir = SuiteHome.folder("recipes");
        Path f = dir.resolve(name + ".json");
        if (Files.isRegularFile(f)) {
            return f;
        }
        String available;
        try (var files = Files.list(dir)) {
            available = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            available = "none found";
        }
        throw new UserError(RECIPE + " " + name + ": no " + dir.resolve(name + ".json") + " (recipes: " + available
                + ")");
    }

    static JsonObject read(Path file) {
        String text = UserFiles.readString(file, FILE);
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new UserError(file + ": a config file is one JSON object of option names and values");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new UserError(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** The key of an option: its long name without the dashes. */
    static String key(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /**
     * The command-line text of a value: a string, number or boolean as written, a list of them
     * joined by commas. Anything a command line could not hold (null, an object, a nested list, a
     * NUL character) is refused naming the file and the key.
     */
    private static String text(Path file, String key, JsonElement v) {
        String text;
        if (v.isJsonPrimitive()) {
            text = v.getAsString();
        } else if (v.isJsonArray() && v.getAsJsonArray().asList().stream().allMatch(JsonElement::isJsonPrimitive)) {
            text = v.getAsJsonArray().asList().stream().map(JsonElement::getAsString).collect(Collectors.joining(","));
        } else {
            throw new UserError(file + ": the value of '" + key + "' must be a string, number, boolean or a list of "
                    + "them, not " + (v.isJsonNull() ? "null" : v.isJsonObject() ? "an object" : "a list holding "
                    + "null, objects or lists"));
        }
        if (text.indexOf('\0') >= 0) {
            throw new UserError(file + ": the value of '" + key + "' holds a NUL character");
        }
        return text;
    }

    /**
     * The options the running command used, as a config object (long names without dashes); where
     * and how it ran ({@code --out}, {@code --resume}, {@code --overwrite}) are left out.
     */
    static JsonObject recorded(CommandSpec spec) {
        JsonObject out = new JsonObject();
        for (OptionSpec o : spec.options()) {
            if (NOT_RECORDED.contains(o.longestName()) || o.hidden() || o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v == null) {
                continue;
            }
            String k = key(o);
            if (v instanceof Boolean b) {
                out.add(k, new JsonPrimitive(b));
            } else if (v instanceof Number n) {
                out.add(k, new JsonPrimitive(n));
            } else if (v instanceof java.util.Collection<?> c) {
                out.addProperty(k, c.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (v.getClass().isArray()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                    parts.add(String.valueOf(java.lang.reflect.Array.get(v, i)));
                }
                out.addProperty(k, String.join(",", parts));
            } else {
                out.addProperty(k, v.toString());
            }
        }
        return out;
    }
}

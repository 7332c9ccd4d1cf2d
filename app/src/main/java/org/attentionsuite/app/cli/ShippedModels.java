package org.attentionsuite.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.attentionsuite.core.UserError;

/**
 * The trained models that ship in the suite's {@code models/} folder ({@code models/NAME.ckpt},
 * weights only), found by name: {@code --model fashion-mnist}.
 */
final class ShippedModels {
    private ShippedModels() {
    }

    /** The {@code models/} folder of the suite ({@link SuiteHome}). */
    static Path folder() {
        return SuiteHome.folder("models");
    }

    /** The checkpoint of the shipped model {@code name}. */
    static Path resolve(String name) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new UserError("--model '" + name + "' must be a model name like fashion-mnist");
        }
        Path f = folder().resolve(name + ".ckpt");
        if (!Files.isRegularFile(f)) {
            throw new UserError("--model " + name + ": no " + f + " (shipped models: " + String.join(", ", names())
                    + ")");
        }
        return f;
    }

    /** The names of the shipped models. */
    static List<String> names() {
        return names(folder());
    }

    /** The names of the models in {@code folder}. */
    static List<String> names(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code checkpoint}, or the shipped {@code model}; exactly one must be given.
     *
     * @param given how the command takes a checkpoint file, named in the refusal: {@code "--checkpoint CKPT"}
     *     or an argument, {@code "CKPT"}
     */
    static Path checkpoint(Path checkpoint, String given, String model) {
        if ((checkpoint == null) == (model == null)) {
            throw new UserError("give either " + given + " or --model NAME (shipped: " + String.join(", ", names())
                    + ")");
        }
        return checkpoint != null ? checkpoint : resolve(model);
    }
}

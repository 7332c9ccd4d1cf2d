package org.attentionsuite.core.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a run goes and what it records about itself.
 *
 * @param out     the run folder ({@code --out})
 * @param start   fresh, {@code --overwrite} or {@code --resume}
 * @param command the command line recorded in checkpoints
 * @param options the resolved options (long option name → value) recorded in checkpoints, so
 *                {@code inspect} can write the run back as a config file
 */
public record RunOptions(Path out, Start start, String command, JsonObject options) {
    public RunOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(command, "command");
        options = options == null ? new JsonObject() : options.deepCopy();
    }

    /** A fresh run into {@code out}, recorded as {@code command}. */
    public static RunOptions fresh(Path out, String command) {
        return new RunOptions(out, new Start.Fresh(), command, null);
    }

    public RunOptions withStart(Start s) {
        return new RunOptions(out, s, command, options);
    }

    public RunOptions withOut(Path o) {
        return new RunOptions(o, start, command, options);
    }

    public RunOptions withRecord(String c, JsonObject o) {
        return new RunOptions(out, start, c, o);
    }
}

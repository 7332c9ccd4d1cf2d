package org.attentionsuite.core.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.parallel.Workers;

/**
 * Where a run goes and what it records about itself.
 *
 * @param out     the run folder ({@code --out})
 * @param start   fresh, {@code --overwrite} or {@code --resume}
 * @param command the command line recorded in checkpoints
 * @param options the resolved options (long option name → value) recorded in checkpoints, so
 *                {@code inspect} can write the run back as a config file
 * @param workers where the steps are computed ({@code --workers}, {@code --spark}); the run's
 *                numbers do not depend on it
 * @param init    a checkpoint whose weights a new run starts from instead of random ones
 *                ({@code --init}; fresh optimizer, step 0), or null
 */
public record RunOptions(Path out, Start start, String command, JsonObject options, Workers workers, Path init) {
    public RunOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workers, "workers");
        options = options == null ? new JsonObject() : options.deepCopy();
        if (init != null && start instanceof Start.Resume) {
            throw new UserError("give either --resume or --init, not both (--init starts a new run from a "
                    + "checkpoint's weights)");
        }
    }

    /** A run from random weights, computed on one thread. */
    public RunOptions(Path out, Start start, String command, JsonObject options) {
        this(out, start, command, options, Workers.threads(1), null);
    }

    /** A fresh run into {@code out} on one thread, recorded as {@code command}. */
    public static RunOptions fresh(Path out, String command) {
        return new RunOptions(out, new Start.Fresh(), command, null);
    }

    public RunOptions withStart(Start s) {
        return new RunOptions(out, s, command, options, workers, init);
    }

    public RunOptions withOut(Path o) {
        return new RunOptions(o, start, command, options, workers, init);
    }

    public RunOptions withWorkers(Workers w) {
        return new RunOptions(out, start, command, options, w, init);
    }

    public RunOptions withInit(Path checkpoint) {
        return new RunOptions(out, start, command, options, workers, checkpoint);
    }

    /** Without the workers: they never change a run's numbers, so they are not part of what it is. */
    @Override
    public String toString() {
        return "RunOptions[out=" + out + ", start=" + start + ", command=" + command + ", options=" + options
                + (init == null ? "" : ", init=" + init) + "]";
    }
}

package org.attentionsuite.core.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.LossUnit;

/**
 * Writes {@code metrics.jsonl} in the run folder, one JSON object per line, so any tool can plot a
 * run (the suite's own {@code loss.png} and {@code ./suite plot} read it back with {@link #read}):
 * <ul>
 *   <li>{@code {"kind":"train","step":…,"wall_s":…,"loss":…,"value":…,"unit":…,"lr":…,"grad_norm":…,
 *       "tokens_per_s":…}} every {@link #LOG_EVERY} steps: the mean training loss over those steps (in
 *       nats per target and in the task's unit), rate, mean gradient norm and throughput;</li>
 *   <li>{@code {"kind":"eval","step":…,"wall_s":…,"loss":…,"value":…,"unit":"bits/dim","best":…}} at
 *       each evaluation: the validation loss in nats and in the task's unit.</li>
 * </ul>
 * {@code wall_s} is training time summed over every session of the run. On a resume the file is
 * cut back to the resumed step and continued, so no step appears twice.
 */
public final class MetricsLog implements TrainingListener {
    /** The file's name in the run folder. */
    public static final String FILE = "metrics.jsonl";
    /** Training steps per {@code train} line. */
    public static final int LOG_EVERY = 10;
    /** A metrics file is read line by line, at most 256 MiB (about a million lines: ten million steps). */
    public static final UserFiles.Kind KIND = UserFiles.Kind.of("metrics file", 256L << 20);
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final Path file;
    private final LossUnit unit;
    private final List<Batch> validation;
    private double lossSum;
    private double normSum;
    private long tokens;
    private double seconds;
    private int steps;

    /**
     * Opens {@code dir/metrics.jsonl}, keeping only lines up to {@code resumedStep} (0 for a fresh
     * run, which starts an empty file).
     *
     * @param validation the validation batches, for units that depend on them (nats/note)
     */
    public MetricsLog(Path dir, LossUnit unit, List<Batch> validation, long resumedStep) {
        this.file = dir.resolve(FILE);
        this.unit = unit;
        this.validation = validation;
        List<String> kept = new ArrayList<>();
        if (resumedStep > 0 && Files.isRegularFile(file)) {
            for (Entry e : read(file)) {
                if (e.step() <= resumedStep) {
                    kept.add(e.json());
                }
            }
        }
        AtomicFiles.write(file, (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onStep(TrainingRun run, StepReport r) {
        lossSum += r.loss();
        normSum += r.gradNorm();
        tokens += r.tokens();
        seconds += r.seconds();
        steps++;
        if (r.step() % LOG_EVERY != 0) {
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("kind", "train");
        o.addProperty("step", r.step());
        o.addProperty("wall_s", round(run.elapsedSeconds()));
        o.addProperty("loss", lossSum / steps);
        o.addProperty("value", unit.convert(lossSum / steps, validation));
        o.addProperty("unit", unit.label());
        o.addProperty("lr", r.learningRate());
        o.addProperty("grad_norm", normSum / steps);
        o.addProperty("tokens_per_s", Math.round(seconds > 0 ? tokens / seconds : 0));
        append(o);
        lossSum = 0;
        normSum = 0;
        tokens = 0;
        seconds = 0;
        steps = 0;
    }

    @Override
    public void onEvaluation(TrainingRun run, EvalReport e) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "eval");
        o.addProperty("step", e.step());
        o.addProperty("wall_s", round(run.elapsedSeconds()));
        o.addProperty("loss", e.loss());
        o.addProperty("value", unit.convert(e.loss(), validation));
        o.addProperty("unit", unit.label());
        o.addProperty("best", unit.convert(e.bestLoss(), validation));
        append(o);
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }

    private void append(JsonObject o) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(GSON.toJson(o));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append metrics (" + e.getMessage() + ")", e);
        }
    }

    /**
     * One line of a metrics file.
     *
     * @param kind  {@code "train"} or {@code "eval"}
     * @param step  optimizer step
     * @param wallSeconds training time so far
     * @param loss  nats per target (training: mean over the logged steps; eval: validation)
     * @param value the loss in {@code unit}
     * @param unit  the task's unit
     * @param json  the line itself
     */
    public record Entry(String kind, long step, double wallSeconds, double loss, double value, String unit,
            String json) {
        public boolean isEval() {
            return "eval".equals(kind);
        }
    }

    /** The entries of a metrics file, in order; a line that cannot be parsed names the file. */
    public static List<Entry> read(Path file) {
        List<Entry> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(UserFiles.open(file, KIND),
                StandardCharsets.UTF_8))) {
            int n = 0;
            for (String line; (line = lines.readLine()) != null; ) {
                n++;
                read(file, n, line).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw UserFiles.readFailure(file.toString(), e);
        }
        return out;
    }

    /** The entry of line {@code n}, empty for a blank line. */
    private static Optional<Entry> read(Path file, int n, String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonObject o = GSON.fromJson(line, JsonObject.class);
            String kind = o.get("kind").getAsString();
            double loss = o.get("loss").getAsDouble();
            return Optional.of(new Entry(kind, o.get("step").getAsLong(),
                    o.has("wall_s") ? o.get("wall_s").getAsDouble() : 0, loss,
                    o.has("value") ? o.get("value").getAsDouble() : loss,
                    o.has("unit") ? o.get("unit").getAsString() : "nats", line));
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | NumberFormatException e) {
            throw new UserError(file + ": line " + n + " is not a metrics record", e);
        }
    }
}

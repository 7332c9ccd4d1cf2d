package org.attentionsuite.app.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.Json;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.train.PieceSplit;

/**
 * Which data a training run trained on and how it split it, read back from the options its
 * checkpoint recorded (the keys of a config file): {@code evaluate --split} selects the same parts
 * by them, and {@code models pack} refuses a run whose split is not its recipe's. An option a
 * checkpoint does not record (a run from before the option existed) takes the value such runs used.
 * Values are read exactly: a recorded option of the wrong type is one error line naming it.
 */
final class RecordedData {
    /** The options that decide which data trained, validated and tested a run. */
    static final List<String> OPTIONS = List.of("data", "chorales", "format", "limit", "validation", "test",
            "split-seed");
    /** What an absent split option meant. */
    private static final Map<String, Object> DEFAULTS = Map.of("limit", 0, "validation",
            ImageTrainingOptions.defaults().split().validation(), "test", 0, "split-seed", ImageSplit.SEED,
            "flip", false);

    private RecordedData() {
    }

    /** The recorded value of split option {@code key} as text, its default when absent, or null. */
    static String text(JsonObject options, String key) {
        JsonElement v = options.get(key);
        return v != null && !v.isJsonNull() ? v.getAsString() : DEFAULTS.containsKey(key)
                ? String.valueOf(DEFAULTS.get(key)) : null;
    }

    /** The image split the run of {@code checkpoint} made. */
    static ImageSplit images(Checkpoint.Loaded checkpoint) {
        return new ImageSplit(option(checkpoint, "limit", Integer.class), option(checkpoint, "validation",
                Integer.class), option(checkpoint, "test", Integer.class), option(checkpoint, "split-seed", Long.class));
    }

    /** Whether the run of {@code checkpoint} trained on mirrored images too ({@code --flip}). */
    static boolean flips(Checkpoint.Loaded checkpoint) {
        return option(checkpoint, "flip", Boolean.class);
    }

    /** The split of MIDI pieces the run of {@code checkpoint} made. */
    static PieceSplit pieces(Checkpoint.Loaded checkpoint) {
        return new PieceSplit(option(checkpoint, "test", Integer.class), option(checkpoint, "split-seed", Long.class));
    }

    /**
     * Whether {@code data} is the data the checkpoint's run trained on (its recorded {@code --data}),
     * which it fitted to the model's size and channels as evaluation then does.
     */
    static boolean trainedOn(Checkpoint.Loaded checkpoint, String data) {
        String recorded = option(checkpoint, "data", String.class);
        return recorded != null && (recorded.equals(data)
                || Path.of(recorded).toAbsolutePath().normalize().equals(Path.of(data).toAbsolutePath().normalize()));
    }

    /** An option the checkpoint's run recorded, read exactly (its default, or null, when not recorded). */
    private static <T> T option(Checkpoint.Loaded checkpoint, String name, Class<T> type) {
        JsonElement v = checkpoint.options().get(name);
        if (v == null || v.isJsonNull()) {
            return type.cast(DEFAULTS.get(name));
        }
        try {
            return Json.gson().fromJson(v, type);
        } catch (RuntimeException e) {
            throw new UserError(checkpoint.file() + ": its recorded option '" + name + "' is not a "
                    + type.getSimpleName() + " (" + v + ")");
        }
    }
}

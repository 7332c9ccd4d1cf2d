package org.attentionsuite.core.model;

import org.attentionsuite.core.UserError;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Named model sizes. The three benchmark shapes match {@code shared/bench/torch_reference.py}
 * (model and batch); the modules override vocabulary, positions and attention for their data.
 */
public enum Preset {
    /** vocab 390, d 128, heads 4, layers 2, ffn 512; batch 8, length 256. */
    MUSIC_TINY("music-tiny", ModelConfig.of(390, 128, 4, 2, 512, 256), 8),
    /** vocab 390, d 256, heads 8, layers 4, ffn 1024; batch 4, length 1024. */
    MUSIC_SMALL("music-small", ModelConfig.of(390, 256, 8, 4, 1024, 1024), 4),
    /** vocab 256, d 128, heads 4, layers 2, ffn 512; batch 8, length 784 (28x28 gray). */
    IMAGE_TINY("image-tiny", ModelConfig.of(256, 128, 4, 2, 512, 784), 8),
    /** A model that trains in seconds: d 64, heads 4, layers 2, ffn 256; batch 8, length 128. */
    CORE_TINY("core-tiny", ModelConfig.of(256, 64, 4, 2, 256, 128), 8);

    private final String id;
    private final ModelConfig config;
    private final int batch;

    Preset(String id, ModelConfig config, int batch) {
        this.id = id;
        this.config = config;
        this.batch = batch;
    }

    /** The preset's command-line name, e.g. {@code music-tiny}. */
    public String id() {
        return id;
    }

    public ModelConfig config() {
        return config;
    }

    /** The benchmark batch size. */
    public int batch() {
        return batch;
    }

    /** The preset named {@code id}; throws with the list of known names otherwise. */
    public static Preset byId(String id) {
        for (Preset p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new UserError("unknown preset '" + id + "' (known: "
                + Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}

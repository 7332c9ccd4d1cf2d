package org.attentionsuite.music.model;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;

/**
 * Model configurations of the Music Transformer experiments: a pre-norm decoder with ReLU
 * feed-forward layers whose vocabulary is the encoding's, whose maximum length is the training
 * length, and whose attention and position signal are the {@link MusicAttention} variant's.
 */
public final class MusicModels {
    private MusicModels() {
    }

    /** A model over performance events (390 ids). */
    public static ModelConfig performance(MusicAttention attention, ModelSize size, int length) {
        return config(MusicEncoding.PERFORMANCE, attention, size, length, 0);
    }

    /** A model over serialized JSB chorales (131 ids). */
    public static ModelConfig chorales(MusicAttention attention, ModelSize size, int length) {
        return config(MusicEncoding.CHORALE, attention, size, length, 0);
    }

    /**
     * The configuration for {@code encoding}, trained on windows of {@code length} tokens, whose
     * relative table (if the attention has one) has {@code relativeDistance} rows (0 = {@code length}).
     *
     * @throws IllegalArgumentException if the length is not positive or the size is inconsistent
     */
    public static ModelConfig config(MusicEncoding encoding, MusicAttention attention, ModelSize size, int length,
            int relativeDistance) {
        if (length < 2) {
            throw new UserError("--length (" + length + ") must be at least 2");
        }
        return ModelConfig.of(encoding.vocabularySize(), size.dModel(), size.heads(), size.layers(), size.ffnDim(),
                        length)
                .withDropout(size.dropout())
                .withPosition(attention.position())
                .withAttention(attention.spec(length, relativeDistance));
    }
}

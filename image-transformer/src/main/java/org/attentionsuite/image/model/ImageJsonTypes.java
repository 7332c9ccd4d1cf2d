package org.attentionsuite.image.model;

import java.util.Optional;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.JsonTypes;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.ClassNames;

/**
 * The image module's logical type names in checkpoints and config files (found through
 * {@code META-INF/services}); the attention names are the catalogue's ({@link ImageAttention}).
 */
public final class ImageJsonTypes implements JsonTypes.Provider {
    @Override
    public void register(JsonTypes.Registry r) {
        r.add(AttentionSpec.class, ImageAttention.LOCAL1D.id(), LocalAttention1d.Spec.class,
                "org.attentionsuite.image.attention.LocalAttention1d$Spec");
        r.add(AttentionSpec.class, ImageAttention.LOCAL2D.id(), LocalAttention2d.Spec.class,
                "org.attentionsuite.image.attention.LocalAttention2d$Spec");
        r.add(PositionSpec.class, "image", ImagePositions.class, "org.attentionsuite.image.model.ImagePositions");
        r.add(TokenScheme.class, "pixels", Pixels.class);
    }

    /** A format-1 image checkpoint: its positions are image positions. */
    @Override
    public Optional<TokenScheme> legacyTokens(ModelConfig config) {
        return config.position() instanceof ImagePositions && config.vocabSize() == ImageModels.VOCAB
                ? Optional.of(ImageModels.tokens(config, ClassNames.UNKNOWN)) : Optional.empty();
    }
}

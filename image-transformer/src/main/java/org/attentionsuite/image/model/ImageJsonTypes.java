package org.attentionsuite.image.model;

import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.JsonTypes;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;

/**
 * The image module's logical type names in checkpoints and config files (found through
 * {@code META-INF/services}); the attention names are the catalogue's ({@link ImageAttention}).
 */
public final class ImageJsonTypes implements JsonTypes.Provider {
    @Override
    public void register(JsonTypes.Registry r) {
        r.add(AttentionSpec.class, ImageAttention.LOCAL1D.id(), LocalAttention1d.Spec.class);
        r.add(AttentionSpec.class, ImageAttention.LOCAL2D.id(), LocalAttention2d.Spec.class);
        r.add(PositionSpec.class, "image", ImagePositions.class);
        r.add(TokenScheme.class, "pixels", Pixels.class);
    }
}

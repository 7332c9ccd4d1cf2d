package org.attentionsuite.music.model;

import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.JsonTypes;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;

/**
 * The music module's logical type names in checkpoints and config files (found through
 * {@code META-INF/services}); attention names are the catalogue's ({@link MusicAttention}). A
 * relative spec is stored as {@code relative} whether its table is per head or shared and whether
 * its logits come from the skew or the pairwise tensor (fields of the spec).
 */
public final class MusicJsonTypes implements JsonTypes.Provider {
    @Override
    public void register(JsonTypes.Registry r) {
        r.add(AttentionSpec.class, MusicAttention.RELATIVE.id(), RelativeAttention.Spec.class);
        r.add(AttentionSpec.class, MusicAttention.RELATIVE_LOCAL.id(), RelativeLocalAttention.Spec.class);
        r.add(TokenScheme.class, "performance-events", MusicTokens.PerformanceEvents.class);
        r.add(TokenScheme.class, "chorale-grid", MusicTokens.ChoraleGrid.class);
    }
}

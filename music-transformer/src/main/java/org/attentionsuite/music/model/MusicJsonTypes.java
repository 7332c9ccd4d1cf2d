package org.attentionsuite.music.model;

import java.util.Optional;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.JsonTypes;
import org.attentionsuite.core.model.ModelConfig;
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
        r.add(AttentionSpec.class, MusicAttention.RELATIVE.id(), RelativeAttention.Spec.class,
                "org.attentionsuite.music.attention.RelativeAttention$Spec");
        r.add(AttentionSpec.class, MusicAttention.RELATIVE_LOCAL.id(), RelativeLocalAttention.Spec.class,
                "org.attentionsuite.music.attention.RelativeLocalAttention$Spec");
        r.add(TokenScheme.class, "performance-events", MusicTokens.PerformanceEvents.class);
        r.add(TokenScheme.class, "chorale-grid", MusicTokens.ChoraleGrid.class);
    }

    /**
     * A format-1 music checkpoint recorded no token scheme; its vocabulary size is then the only
     * witness (390 ids: performance events, 131: chorales). New checkpoints never need this.
     */
    @Override
    public Optional<TokenScheme> legacyTokens(ModelConfig config) {
        if (config.conditionClasses() > 0) {
            return Optional.empty();
        }
        for (MusicEncoding e : MusicEncoding.values()) {
            if (e.vocabularySize() == config.vocabSize()) {
                return Optional.of(MusicTokens.of(e));
            }
        }
        return Optional.empty();
    }
}

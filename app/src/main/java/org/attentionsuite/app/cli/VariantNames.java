package org.attentionsuite.app.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.experiments.sweep.Variants;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.music.model.MusicAttention;

/**
 * The {@code --attention} values the help texts and shell completion list, read from the domain
 * catalogues (so no command names a variant itself).
 */
final class VariantNames {
    private VariantNames() {
    }

    /** The image catalogue's names. */
    static final class Images implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ImageAttention.values()).map(AttentionVariant::id).iterator();
        }
    }

    /** The music catalogue's names. */
    static final class Music implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(MusicAttention.values()).map(AttentionVariant::id).iterator();
        }
    }

    /** Both catalogues' names. */
    static final class All implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Variants.all().stream().map(AttentionVariant::id).iterator();
        }
    }
}

package org.attentionsuite.experiments.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.music.model.MusicAttention;

/**
 * The attention variants of both domains, as the sweep and the benchmarks see them: the union of
 * the image and music catalogues ({@link ImageAttention}, {@link MusicAttention}), which own every
 * name and default geometry. Nothing here names a variant itself.
 */
public final class Variants {
    private Variants() {
    }

    /** Every variant of both catalogues, images first. */
    public static List<AttentionVariant> all() {
        List<AttentionVariant> out = new ArrayList<>(List.of(ImageAttention.values()));
        out.addAll(List.of(MusicAttention.values()));
        return out;
    }

    /**
     * The sweep's default six, one per distinct layer (the paper's variants): full, local 1D, local
     * 2D, relative with the explicit tensor, relative with the skew, relative local.
     */
    public static List<AttentionVariant> sweepDefaults() {
        return List.of(ImageAttention.FULL, ImageAttention.LOCAL1D, ImageAttention.LOCAL2D,
                MusicAttention.RELATIVE_PAIRWISE, MusicAttention.RELATIVE, MusicAttention.RELATIVE_LOCAL);
    }

    /** Deprecated spellings of both catalogues. */
    static Map<String, String> aliases() {
        Map<String, String> a = new HashMap<>(ImageAttention.aliases());
        a.putAll(MusicAttention.aliases());
        return a;
    }

    /** The variant called {@code name} in either catalogue; the message lists every known name. */
    public static AttentionVariant parse(String name, String option) {
        return AttentionVariant.parse(name, all(), aliases(), option);
    }

    /** {@link #parse} for a comma-separated list. */
    public static List<AttentionVariant> parseList(String names, String option) {
        return AttentionVariant.parseList(names, all(), aliases(), option);
    }

    /** Whether {@code v} runs on plain sequences (every variant but local 2D, which needs an image). */
    public static boolean sequential(AttentionVariant v) {
        return v.supports(new Geometry.Tokens(1));
    }
}

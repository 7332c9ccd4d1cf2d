package org.attentionsuite.music.model;

import java.util.List;
import java.util.Map;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;

/**
 * The attention variants of the Music Transformer (Huang et al. 2018): the catalogue where a music
 * variant's name, meaning, default geometry and position signal live, used by {@code music train},
 * {@code compare chorales}, {@code sweep} and {@code bench}. {@code relative} means one thing
 * everywhere: one learned table per head, as in the paper.
 *
 * <p>Relative tables get an explicit number of rows, independent of the model's
 * {@code maxLength}, so a checkpoint can be rebuilt with a longer {@code maxLength} to generate
 * beyond its training length.
 */
public enum MusicAttention implements AttentionVariant {
    /**
     * Global relative attention with the memory-efficient skew (§3.4.1): one table of
     * {@code R = L} rows per head (every distance seen in training), no absolute positions.
     */
    RELATIVE,
    /**
     * The same with one table shared by all heads (Shaw et al. 2018's form, and the PyTorch
     * reference benchmark's).
     */
    RELATIVE_SHARED,
    /** The baseline: full causal attention with sinusoidal absolute positions (Vaswani et al. 2017). */
    ABSOLUTE,
    /**
     * Relative local attention (§3.5): blocks of {@code min(L, 128)} queries attending to their own
     * and the previous block, {@code R = 2·block} rows per head, no absolute positions.
     */
    RELATIVE_LOCAL,
    /**
     * Relative attention computed as Shaw et al. (2018) do, with the explicit {@code (L, L, Dh)}
     * tensor: the memory baseline of the skew, per-head tables.
     */
    RELATIVE_PAIRWISE;

    /** Query block length of relative local attention on long sequences. */
    static final int LOCAL_BLOCK = 128;

    @Override
    public String description() {
        return switch (this) {
            case RELATIVE -> "full causal attention with learned relative-position embeddings per head, computed with "
                    + "the memory-efficient skew (paper §3.4); no absolute positions";
            case RELATIVE_SHARED -> "relative attention with one table shared by all heads (Shaw et al. 2018; "
                    + "the PyTorch reference's form)";
            case ABSOLUTE -> "the baseline: full causal attention with sinusoidal absolute positions";
            case RELATIVE_LOCAL -> "relative attention in query blocks of min(L, 128) tokens; a block attends to "
                    + "itself and to the previous block (paper §3.5)";
            case RELATIVE_PAIRWISE -> "relative attention with the explicit (L, L, Dh) tensor of Shaw et al. "
                    + "(the skew's memory baseline)";
        };
    }

    /** The attention of every block for sequences of {@code geometry.length()} tokens. */
    @Override
    public AttentionSpec spec(Geometry geometry) {
        return spec(geometry.length(), 0);
    }

    /** The attention for a training length of {@code length} tokens. */
    public AttentionSpec spec(int length) {
        return spec(length, 0);
    }

    /**
     * The attention for a training length of {@code length} tokens whose relative table, if it
     * has one ({@link #hasRelativeTable}), has {@code relativeDistance} rows (0 = {@code length}).
     */
    public AttentionSpec spec(int length, int relativeDistance) {
        int rows = relativeDistance > 0 ? relativeDistance : length;
        return switch (this) {
            case RELATIVE -> new RelativeAttention.Spec(rows, false);
            case RELATIVE_SHARED -> new RelativeAttention.Spec(rows, true);
            case RELATIVE_PAIRWISE -> new RelativeAttention.Spec(rows, false, RelativeAttention.Computation.PAIRWISE);
            case ABSOLUTE -> new FullCausalAttention.Spec();
            case RELATIVE_LOCAL -> {
                int block = blockLength(length);
                yield new RelativeLocalAttention.Spec(block, 2 * block, false);
            }
        };
    }

    /** Whether its relative table has rows for distances {@code 0..R−1} that a {@code --relative-distance} sets. */
    public boolean hasRelativeTable() {
        return this == RELATIVE || this == RELATIVE_SHARED || this == RELATIVE_PAIRWISE;
    }

    /** The absolute position signal that goes with it: sinusoids for the baseline, none for relative variants. */
    public PositionSpec position() {
        return this == ABSOLUTE ? new Positions.Sinusoidal() : new Positions.None();
    }

    /** Query block of relative local attention: {@code min(L, 128)}. */
    public static int blockLength(int length) {
        return Math.min(length, LOCAL_BLOCK);
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * Old spellings: {@code relative-skewed} (the sweep's name for {@code relative}) and
     * {@code full} (the benchmark's name for the full causal layer, {@code absolute} here).
     */
    static final Map<String, String> ALIASES = Map.of("relative-skewed", RELATIVE.id());

    /** Deprecated spelling → current name. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** Parses a command-line value; the message lists the known names. */
    public static MusicAttention parse(String s) {
        return AttentionVariant.parse(s, List.of(values()), ALIASES, "--attention");
    }
}

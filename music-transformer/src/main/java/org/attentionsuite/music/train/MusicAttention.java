package org.attentionsuite.music.train;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;

/**
 * The attention variants compared in the Music Transformer paper, each mapped once to its spec
 * record and position signal for a training length {@code L} (the only place where a name
 * becomes a variant).
 *
 * <p>Relative tables always get an explicit number of rows, independent of the model's
 * {@code maxLength}, so a checkpoint can be rebuilt with a longer {@code maxLength} to generate
 * beyond the training length (see {@code MusicGenerator}).
 */
public enum MusicAttention {
    /**
     * Global relative attention (§3.4), one table per head with {@code R = L} rows (every
     * distance seen in training), no absolute positions.
     */
    RELATIVE("relative"),
    /** The baseline: full causal attention with sinusoidal absolute positions (Vaswani et al. 2017). */
    ABSOLUTE("absolute"),
    /**
     * Relative local attention (§3.5): blocks of {@link #blockLength(int)} queries attending to
     * their own and the previous block, {@code R = 2·block} rows per head, no absolute positions.
     */
    RELATIVE_LOCAL("relative-local");

    private final String id;

    MusicAttention(String id) {
        this.id = id;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The attention of every block for training length {@code length}. */
    public AttentionSpec spec(int length) {
        return switch (this) {
            case RELATIVE -> new RelativeAttention.Spec(length, false);
            case ABSOLUTE -> new FullCausalAttention.Spec();
            case RELATIVE_LOCAL -> {
                int block = blockLength(length);
                yield new RelativeLocalAttention.Spec(block, 2 * block, false);
            }
        };
    }

    /** The absolute position signal that goes with it: none for the relative variants. */
    public PositionSpec position() {
        return this == ABSOLUTE ? new Positions.Sinusoidal() : new Positions.None();
    }

    /** Query block of relative local attention: a quarter of the length, at least {@code min(L, 32)}. */
    public static int blockLength(int length) {
        return Math.min(length, Math.max(32, length / 4));
    }

    @Override
    public String toString() {
        return id;
    }

    /** Parses a command-line value; the message lists the known names. */
    public static MusicAttention parse(String s) {
        for (MusicAttention a : values()) {
            if (a.id.equals(s)) {
                return a;
            }
        }
        throw new UserError("unknown attention '" + s + "' (known: relative, absolute, relative-local)");
    }
}

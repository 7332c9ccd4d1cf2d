package org.attentionsuite.cli;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;

/**
 * The {@code --attention} values of the command line, each mapped once to its spec record for a
 * given geometry (the only place where a name becomes a variant).
 */
public enum AttentionChoice {
    FULL("full"),
    LOCAL1D("local1d"),
    LOCAL2D("local2d"),
    RELATIVE("relative"),
    RELATIVE_LOCAL("relative-local");

    private final String id;

    AttentionChoice(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * The spec for a sequence of {@code length}; image geometry ({@code height, width, channels})
     * is needed by local 2D only.
     */
    public AttentionSpec spec(int length, int height, int width, int channels) {
        return switch (this) {
            case FULL -> new FullCausalAttention.Spec();
            case LOCAL1D -> new LocalAttention1d.Spec(Math.min(length, Math.max(1, width * channels * 4)), 1);
            case LOCAL2D -> {
                if (height <= 0) {
                    throw new UserError("local2d attention needs an image geometry");
                }
                int qh = largestDivisorAtMost(height, 8);
                int qw = largestDivisorAtMost(width, 8);
                yield new LocalAttention2d.Spec(height, width, channels, qh, qw, qh, qw);
            }
            case RELATIVE -> new RelativeAttention.Spec(length, true);
            case RELATIVE_LOCAL -> new RelativeLocalAttention.Spec(Math.min(length, 128), length, true);
        };
    }

    static int largestDivisorAtMost(int n, int max) {
        for (int d = Math.min(n, max); d > 1; d--) {
            if (n % d == 0) {
                return d;
            }
        }
        return 1;
    }

    /** Parses a command-line value. */
    public static AttentionChoice parse(String s) {
        for (AttentionChoice c : values()) {
            if (c.id.equals(s)) {
                return c;
            }
        }
        throw new UserError("unknown attention '" + s
                + "' (known: full, local1d, local2d, relative, relative-local)");
    }
}

package org.attentionsuite.image.model;

import java.util.List;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;

/**
 * The attention variants of the Image Transformer (Parmar et al. 2018, §3.2–3.3): the catalogue
 * where an image variant's name, meaning and default geometry live, used by {@code image train},
 * {@code compare images}, {@code sweep} and {@code bench}. Every image variant uses learned
 * row/column/channel positions ({@link ImagePositions}); local 2D also generates in block-raster
 * order ({@link ImageOrder#forAttention}).
 */
public enum ImageAttention implements AttentionVariant {
    /** Every earlier position: cost grows with {@code L²}. */
    FULL,
    /**
     * Raster order in query blocks of four image rows (a plain sequence: 128 tokens); a block
     * attends to itself causally and to the previous block (§3.3, "1D local").
     */
    LOCAL1D,
    /**
     * Query blocks of up to 8x8 pixels (the largest divisor of each side that is at most 8),
     * generated block by block; a block attends to itself and to a flange of one block height
     * above and one block width on each side (§3.3, "2D local").
     */
    LOCAL2D;

    /** Rows of an image per local 1D query block. */
    static final int LOCAL1D_ROWS = 4;
    /** Query block length of local 1D on a plain sequence. */
    static final int LOCAL1D_TOKENS = 128;
    /** Largest side of a local 2D query block. */
    static final int LOCAL2D_MAX_BLOCK = 8;
    /** Smallest acceptable side of a local 2D query block on images larger than it. */
    static final int LOCAL2D_MIN_BLOCK = 4;

    @Override
    public String description() {
        return switch (this) {
            case FULL -> "every earlier position; cost grows with L², L = size²·channels";
            case LOCAL1D -> "raster order in query blocks of four image rows; a block attends to itself (causally) and "
                    + "to the previous block";
            case LOCAL2D -> "query blocks of up to 8x8 pixels generated block by block; a block attends to itself and "
                    + "to a margin of one block height above and one block width left and right";
        };
    }

    @Override
    public boolean supports(Geometry geometry) {
        return this != LOCAL2D || geometry instanceof Geometry.Image;
    }

    @Override
    public AttentionSpec spec(Geometry geometry) {
        int length = geometry.length();
        return switch (this) {
            case FULL -> new FullCausalAttention.Spec();
            case LOCAL1D -> {
                int block = geometry instanceof Geometry.Image img
                        ? Math.min(length, Math.max(1, img.width() * img.channels() * LOCAL1D_ROWS))
                        : Math.min(length, LOCAL1D_TOKENS);
                yield new LocalAttention1d.Spec(block, 1);
            }
            case LOCAL2D -> {
                if (!(geometry instanceof Geometry.Image img)) {
                    throw new UserError("local2d attention needs an image, not a plain sequence of " + length
                            + " tokens");
                }
                int qh = queryBlock(img.height(), "height");
                int qw = queryBlock(img.width(), "width");
                yield new LocalAttention2d.Spec(img.height(), img.width(), img.channels(), qh, qw, qh, qw);
            }
        };
    }

    /**
     * The largest divisor of {@code side} that is at most 8; refused when it is below 4 on a side
     * longer than 8 (a prime side would give 1x1 blocks, 7–18x slower).
     */
    static int queryBlock(int side, String what) {
        int best = 1;
        for (int d = Math.min(side, LOCAL2D_MAX_BLOCK); d >= 1; d--) {
            if (side % d == 0) {
                best = d;
                break;
            }
        }
        if (side > LOCAL2D_MAX_BLOCK && best < LOCAL2D_MIN_BLOCK) {
            throw new UserError("image " + what + " " + side + ": local2d splits it into query blocks of "
                    + LOCAL2D_MIN_BLOCK + " to " + LOCAL2D_MAX_BLOCK + " pixels, and " + side + " has no such divisor "
                    + "(blocks of " + best + " would be many times slower); use a size like " + nearestGood(side));
        }
        return best;
    }

    private static String nearestGood(int side) {
        int lo = side;
        while (lo > 1 && !good(lo)) {
            lo--;
        }
        int hi = side;
        while (!good(hi)) {
            hi++;
        }
        return lo > 1 ? lo + " or " + hi : String.valueOf(hi);
    }

    private static boolean good(int side) {
        for (int d = LOCAL2D_MIN_BLOCK; d <= LOCAL2D_MAX_BLOCK; d++) {
            if (side % d == 0) {
                return true;
            }
        }
        return side <= LOCAL2D_MAX_BLOCK;
    }

    /** Deprecated spellings: none yet. */
    static final Map<String, String> ALIASES = Map.of();

    /** Deprecated spelling → current name. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** Parses a command-line value; the message lists the known names. */
    public static ImageAttention parse(String name) {
        return AttentionVariant.parse(name, List.of(values()), ALIASES, "--attention");
    }
}

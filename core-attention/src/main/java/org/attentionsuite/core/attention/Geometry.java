package org.attentionsuite.core.attention;

import org.attentionsuite.core.UserError;

/**
 * The shape of the sequences an attention variant will see, from which a catalogue derives the
 * variant's default geometry (block lengths, query blocks, flanges): a plain token sequence, or an
 * image flattened to {@code L = H·W·C} tokens.
 */
public sealed interface Geometry {
    /** Sequence length {@code L}. */
    int length();

    /** A sequence of {@code length} tokens. */
    record Tokens(int length) implements Geometry {
        public Tokens {
            if (length <= 0) {
                throw new UserError("sequence length (" + length + ") must be positive");
            }
        }
    }

    /** An {@code height x width x channels} image, one token per intensity. */
    record Image(int height, int width, int channels) implements Geometry {
        public Image {
            if (height <= 0 || width <= 0 || channels <= 0) {
                throw new UserError("image " + height + "x" + width + "x" + channels + " must have positive sizes");
            }
            if ((long) height * width * channels > Integer.MAX_VALUE / 4) {
                throw new UserError("image " + height + "x" + width + "x" + channels + " is too large for one sequence");
            }
        }

        @Override
        public int length() {
            return height * width * channels;
        }
    }
}

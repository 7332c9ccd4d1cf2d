package org.attentionsuite.core.model;


/**
 * What a model's token ids mean: intensities of an image of a given geometry, performance events,
 * a chorale grid, plain symbols. Stored in every checkpoint (under a logical type name, see
 * {@link org.attentionsuite.core.checkpoint.JsonTypes}), so sampling and evaluation never guess
 * the data from the vocabulary size. One record per scheme, owned by the module of its data.
 */
public interface TokenScheme {
    /** Number of token ids {@code V}. */
    int vocabularySize();

    /** The unit validation losses of this data are reported in (bits/dim, nats/event, …). */
    LossUnit lossUnit();

    /** A short description, e.g. {@code "pixels 28x28x1, block order 7x7"}. */
    String label();

    /** Plain symbols {@code 0..V−1} (text, tests): losses in nats/token. */
    record Plain(int vocabularySize) implements TokenScheme {
        public Plain {
            if (vocabularySize <= 0) {
                throw new IllegalArgumentException("vocabulary size (" + vocabularySize + ") must be positive");
            }
        }

        @Override
        public LossUnit lossUnit() {
            return LossUnit.natsPer("token");
        }

        @Override
        public String label() {
            return "plain tokens (" + vocabularySize + " ids)";
        }
    }
}

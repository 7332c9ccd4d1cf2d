package org.attentionsuite.core.model;

import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.nn.PositionEncoding;
import org.attentionsuite.core.tensor.Precision;

/** A validated description of an absolute position signal; part of the model config. */
public interface PositionSpec {
    /** Builds the encoding, registering learned tables in {@code params}. */
    PositionEncoding create(Params params, Precision precision, int maxLength, int dModel);

    /** A short human label. */
    String label();

    /**
     * Factor applied to token embeddings so they sit on this encoding's scale; 1 (GPT-style
     * embeddings, std 0.02) unless the encoding says otherwise. When it is not 1 the embeddings are
     * initialised with std {@code 1/factor}, so {@code factor·E[tok]} starts at unit scale.
     */
    default double tokenEmbeddingScale(int dModel) {
        return 1.0;
    }
}

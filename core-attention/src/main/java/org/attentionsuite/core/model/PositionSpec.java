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
}

package org.attentionsuite.core.model;

/** Where layer normalisation sits relative to the residual connection. */
public enum NormPlacement {
    /** {@code x + f(LN(x))}, with a final LN: stable without warm-up tricks (the default). */
    PRE,
    /** {@code LN(x + f(x))}, the original Transformer's (Vaswani et al. 2017). */
    POST
}

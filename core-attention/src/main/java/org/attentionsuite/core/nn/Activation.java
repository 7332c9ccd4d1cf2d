package org.attentionsuite.core.nn;

/** The feed-forward non-linearity. */
public enum Activation {
    /** {@code max(0, x)}, the original Transformer's. */
    RELU,
    /** Gaussian error linear unit, tanh approximation. */
    GELU
}

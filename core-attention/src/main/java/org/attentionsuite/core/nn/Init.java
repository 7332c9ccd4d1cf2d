package org.attentionsuite.core.nn;

import java.util.Random;

/** How a parameter is initialised: one value per element, drawn in row-major order. */
@FunctionalInterface
public interface Init {
    double next(Random rng);

    static Init zeros() {
        return rng -> 0.0;
    }

    static Init ones() {
        return rng -> 1.0;
    }

    /** Normal with the given standard deviation. */
    static Init normal(double std) {
        return rng -> rng.nextGaussian() * std;
    }
}

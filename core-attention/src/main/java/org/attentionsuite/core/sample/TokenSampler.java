package org.attentionsuite.core.sample;

import java.util.Arrays;
import java.util.Random;

/** Picks a token id from one row of logits. */
@FunctionalInterface
public interface TokenSampler {
    int sample(double[] logits, Random rng);

    /** The most likely token (lowest id on ties). */
    static TokenSampler argmax() {
        return (logits, rng) -> {
            int best = 0;
            for (int i = 1; i < logits.length; i++) {
                if (logits[i] > logits[best]) {
                    best = i;
                }
            }
            return best;
        };
    }

    /**
     * Softmax of {@code logits / temperature} restricted to the top-k tokens and then to the nucleus
     * of mass {@code topP} (Holtzman et al. 2020), renormalised, sampled once.
     */
    static TokenSampler categorical(double temperature, int topK, double topP) {
        return (logits, rng) -> {
            int v = logits.length;
            Integer[] order = new Integer[v];
            for (int i = 0; i < v; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(logits[b], logits[a]));   // descending, stable
            int keep = topK > 0 ? Math.min(topK, v) : v;
            double max = logits[order[0]];
            double[] p = new double[keep];
            double z = 0;
            for (int r = 0; r < keep; r++) {
                p[r] = Math.exp((logits[order[r]] - max) / temperature);
                z += p[r];
            }
            int nucleus = keep;
            if (topP < 1) {
                double acc = 0;
                for (int r = 0; r < keep; r++) {
                    acc += p[r] / z;
                    if (acc >= topP) {
                        nucleus = r + 1;
                        break;
                    }
                }
            }
            double mass = 0;
            int last = 0;                                  // the last token of positive weight (p falls with r)
            for (int r = 0; r < nucleus; r++) {
                mass += p[r];
                if (p[r] > 0) {
                    last = r;
                }
            }
            double u = rng.nextDouble() * mass;
            for (int r = 0; r < last; r++) {
                u -= p[r];
                if (u < 0) {
                    return order[r];
                }
            }
            return order[last];                            // also what rounding leaves of u: never a −∞ token
        };
    }
}

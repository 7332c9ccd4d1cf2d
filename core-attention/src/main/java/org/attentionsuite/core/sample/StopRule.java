package org.attentionsuite.core.sample;

import java.util.function.IntToDoubleFunction;

/**
 * When a sequence being generated is finished, checked after each sampled token (the token that
 * triggers the stop is kept). One instance serves one generation: rules may keep per-sequence
 * state, so make a fresh one for each call.
 */
@FunctionalInterface
public interface StopRule {
    /**
     * @param sequence index of the sequence in the batch
     * @param tokens   its tokens so far (primer included), valid up to {@code length}
     * @param length   number of valid tokens
     * @return whether the sequence is finished
     */
    boolean stop(int sequence, int[] tokens, int length);

    /** Never stops early: every sequence runs to the full length. */
    static StopRule never() {
        return (s, tokens, length) -> false;
    }

    /** Stops a sequence when it samples {@code id} (e.g. EOS). */
    static StopRule atToken(int id) {
        return (s, tokens, length) -> tokens[length - 1] == id;
    }

    /**
     * Stops a sequence once the sum of {@code weight(token)} over its tokens (primer included)
     * reaches {@code limit}, e.g. seconds of music per token; {@code limit <= 0} never stops.
     */
    static StopRule whenTotalReaches(IntToDoubleFunction weight, double limit) {
        if (!(limit > 0)) {
            return never();
        }
        return new StopRule() {
            private double[] sums = new double[0];
            private int[] counted = new int[0];

            @Override
            public synchronized boolean stop(int sequence, int[] tokens, int length) {   // chunks call from their threads
                if (sequence >= sums.length) {
                    sums = java.util.Arrays.copyOf(sums, sequence + 1);
                    counted = java.util.Arrays.copyOf(counted, sequence + 1);
                }
                for (int i = counted[sequence]; i < length; i++) {
                    sums[sequence] += weight.applyAsDouble(tokens[i]);
                }
                counted[sequence] = length;
                return sums[sequence] >= limit;
            }
        };
    }

    /** Stops when this rule or {@code other} does (both see every token). */
    default StopRule or(StopRule other) {
        return (s, tokens, length) -> stop(s, tokens, length) | other.stop(s, tokens, length);
    }
}

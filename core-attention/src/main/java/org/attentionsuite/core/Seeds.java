package org.attentionsuite.core;

/**
 * Seeds derived from a run's seed and a position in its work (a step, a micro-batch, a sequence),
 * never from a thread or a task: the same work gets the same random stream however it is split.
 */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser of {@code seed + index·γ}: independent streams for consecutive indices. */
    public static long mix(long seed, long index) {
        long z = seed + index * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

package org.attentionsuite.core.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.attentionsuite.core.UserError;

/**
 * How long and how to fuzz.
 *
 * @param inputs inputs to run, at least 1; the first ones are the corpus files unchanged
 * @param seed seed of the input stream: input {@code i} depends only on the corpus, the seed and
 *     {@code i}, so a run can be repeated
 * @param timeout longest time one input may take before it is reported as a hang
 * @param maxMutations mutations per input, drawn uniformly from 1..maxMutations (1..64)
 * @param findings folder that receives the inputs that broke the invariant
 * @param filesPerFinding how many inputs to save per distinct finding (1..100); the rest are
 *     only counted
 */
public record FuzzOptions(long inputs, long seed, Duration timeout, int maxMutations,
                          Path findings, int filesPerFinding) {

    /** Validates the options. */
    public FuzzOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(findings, "findings");
        if (inputs < 1) {
            throw new UserError("--inputs (" + inputs + ") must be >= 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new UserError("--timeout-ms (" + timeout.toMillis() + ") must be > 0");
        }
        if (maxMutations < 1 || maxMutations > 64) {
            throw new UserError("--max-mutations (" + maxMutations + ") must be in 1..64");
        }
        if (filesPerFinding < 1 || filesPerFinding > 100) {
            throw new UserError("files per finding (" + filesPerFinding + ") must be in 1..100");
        }
    }

    /**
     * The defaults: up to 8 mutations, 5 s per input, 3 files per finding.
     *
     * @param inputs inputs to run
     * @param seed seed of the input stream
     * @param findings folder for findings
     * @return the options
     */
    public static FuzzOptions of(long inputs, long seed, Path findings) {
        return new FuzzOptions(inputs, seed, Duration.ofSeconds(5), 8, findings, 3);
    }
}

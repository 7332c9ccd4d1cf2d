package org.attentionsuite.core.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a fuzzing run did.
 *
 * @param inputs inputs run to the end or to their time limit
 * @param accepted inputs the target accepted
 * @param rejected inputs the target rejected with its expected error
 * @param findings distinct ways the invariant broke, in order of first occurrence (empty when
 *     none)
 * @param wall wall-clock time of the run
 * @param slowest the longest time an input took that finished within its limit
 * @param slowestInput the index of that input
 * @param mostAllocated the most heap an input allocated that stayed within its limit, in bytes
 *     ({@link FuzzTarget#maxAllocatedBytes}; -1 where the JVM cannot count a thread's allocations)
 * @param stoppedEarly true when the run stopped before all inputs because too many inputs hung
 */
public record FuzzReport(long inputs, long accepted, long rejected, List<Finding> findings,
                         Duration wall, Duration slowest, long slowestInput, long mostAllocated,
                         boolean stoppedEarly) {

    /** Copies the findings. */
    public FuzzReport {
        findings = List.copyOf(findings);
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(slowest, "slowest");
    }

    /** @return the number of inputs that broke the invariant, over all findings */
    public long failingInputs() {
        return findings.stream().mapToLong(Finding::count).sum();
    }

    /**
     * One distinct way the invariant broke.
     *
     * @param kind an unexpected exception, a hang or too much memory
     * @param signature what identifies it: the exception class and the first frame of the
     *     suite's code, "timeout" or "memory"
     * @param message the first such input's exception message (or the time limit)
     * @param firstInput index of the first input that showed it
     * @param count how many inputs showed it
     * @param files the saved inputs
     */
    public record Finding(Kind kind, String signature, String message, long firstInput, long count,
                          List<Path> files) {

        /** Copies the files. */
        public Finding {
            Objects.requireNonNull(kind, "kind");
            files = List.copyOf(files);
        }
    }

    /** Kinds of findings. */
    public enum Kind {
        /** The target threw something other than its expected rejection. */
        EXCEPTION,
        /** The target did not finish an input within the time limit. */
        TIMEOUT,
        /** The target allocated more than {@link FuzzTarget#maxAllocatedBytes} for an input. */
        MEMORY
    }
}

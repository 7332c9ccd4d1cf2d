package org.attentionsuite.core.fuzz;

/**
 * Code under fuzzing and its invariant: every input is either accepted ({@link #run} returns) or
 * rejected with the expected, user-facing error ({@link #isRejection}); anything else thrown, or
 * an input that does not finish in time, is a finding.
 */
public interface FuzzTarget {

    /**
     * Runs the code on one input.
     *
     * @param input the input bytes; implementations must not modify them
     * @throws Exception whatever the code throws; checked by {@link #isRejection}
     */
    void run(byte[] input) throws Exception;

    /**
     * @param thrown what {@link #run} threw
     * @return true if it is the expected rejection of a bad input (for example a one-line error
     *     naming the input), false if it reveals a bug
     */
    boolean isRejection(Throwable thrown);

    /** @return the file name extension of saved findings, with the dot, e.g. {@code ".mid"} */
    default String extension() {
        return ".bin";
    }
}

package org.attentionsuite.core.fuzz;

/**
 * Code under fuzzing and its invariant: every input is either accepted ({@link #run} returns) or
 * rejected with the expected, user-facing error ({@link #isRejection}); anything else thrown, an
 * input that does not finish in time, or one that allocates more than {@link #maxAllocatedBytes},
 * is a finding.
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

    /**
     * @param input an input (not modified)
     * @return the most heap {@link #run} may allocate for it (counted on the thread that runs it,
     *     garbage included) before it is a finding: more than the caps of what is read allow means
     *     a size was trusted before it was checked. Default 256 MiB, far above what a reader needs
     *     for the at most {@link Mutator#MAX_INPUT_BYTES} bytes of an input.
     */
    default long maxAllocatedBytes(byte[] input) {
        return 256L << 20;
    }

    /** @return the file name extension of saved findings, with the dot, e.g. {@code ".mid"} */
    default String extension() {
        return ".bin";
    }

    /**
     * The usual rejection: a {@code type} whose message starts with {@code name} (the input's file
     * name) and is one line.
     *
     * @param thrown what {@link #run} threw
     * @param type   the exception of the code's user-facing errors
     * @param name   what every such message starts with
     * @return true if {@code thrown} is such an error
     */
    static boolean isOneLineError(Throwable thrown, Class<? extends Throwable> type, String name) {
        String message = thrown.getMessage();
        return type.isInstance(thrown) && message != null && message.startsWith(name)
                && message.indexOf('\n') < 0 && message.indexOf('\r') < 0;
    }
}

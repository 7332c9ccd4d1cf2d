package org.attentionsuite.core;

/** What a task threw on another thread, thrown again on the thread that waited for it. */
public final class Rethrow {
    private Rethrow() {
    }

    /**
     * {@code cause} as an unchecked exception for the caller to throw: itself when it is a
     * {@link RuntimeException}, wrapped in an {@link IllegalStateException} when it is checked; an
     * {@link Error} is thrown from here as it is.
     *
     * @param cause what the task threw (the cause of an {@code ExecutionException})
     * @return the exception to throw
     */
    public static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error e) {
            throw e;
        }
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
}

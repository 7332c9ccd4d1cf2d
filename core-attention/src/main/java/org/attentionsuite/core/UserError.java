package org.attentionsuite.core;

/**
 * A mistake the user can fix: a bad option value, a missing, truncated or corrupt file, a full or
 * read-only disk, a checkpoint of the wrong kind. The command line prints its message as one line
 * {@code error: …} and exits with code 2; every other exception is a bug and keeps its stack trace.
 *
 * <p>It extends {@link IllegalArgumentException} so that callers of validating constructors keep
 * their contract, but a plain {@code IllegalArgumentException} (a broken precondition inside the
 * engine) is <em>not</em> a user error. The message names the option, value or file at fault.
 */
public class UserError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

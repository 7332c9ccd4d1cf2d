package org.attentionsuite.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.attentionsuite.core.UserError;

/**
 * Which exceptions are the user's to fix (printed as one line) rather than bugs: a {@link UserError}
 * (bad values, unusable files, checkpoints of the wrong kind, divergence) and failures of the
 * machine's files (I/O errors). A plain {@code IllegalArgumentException} is a broken precondition
 * inside the suite, a bug, and keeps its stack trace.
 */
final class UserErrors {
    private UserErrors() {
    }

    static boolean isUserError(Throwable t) {
        return t instanceof UserError || t instanceof IOException || t instanceof UncheckedIOException;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}

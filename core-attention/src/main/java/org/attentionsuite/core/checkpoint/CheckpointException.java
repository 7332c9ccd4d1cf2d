package org.attentionsuite.core.checkpoint;

import org.attentionsuite.core.UserError;

/** A checkpoint could not be read or written; the message names the file. */
public final class CheckpointException extends UserError {
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}

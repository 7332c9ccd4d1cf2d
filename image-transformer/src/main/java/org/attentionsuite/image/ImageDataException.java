package org.attentionsuite.image;

import org.attentionsuite.core.UserError;

/**
 * Unchecked error about image data: a missing, truncated or malformed file, or an invalid value
 * read from one.
 *
 * <p>The message is always a single line that names the offending file or value, for example
 * {@code "train-images.gz: wrong IDX magic 0x00000000 (expected 0x00000803 for images)"}. Line
 * breaks in a message (for instance copied from an underlying exception) are replaced by spaces.
 */
public class ImageDataException extends UserError {

    /**
     * Creates the exception.
     *
     * @param message one-line description naming the file or value
     */
    public ImageDataException(String message) {
        super(oneLine(message));
    }

    /**
     * Creates the exception with its underlying cause.
     *
     * @param message one-line description naming the file or value
     * @param cause   the underlying error (kept for stack traces, not repeated in the message)
     */
    public ImageDataException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("an ImageDataException needs a message naming the file or value");
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}

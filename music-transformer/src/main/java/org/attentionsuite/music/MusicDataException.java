package org.attentionsuite.music;

import java.nio.file.Path;
import org.attentionsuite.core.UserError;

/**
 * Unchecked exception for unusable music data: a file that is missing, truncated, not in the
 * expected format, or without any usable content. The message is one line that starts with the
 * file or folder concerned, for example {@code "song.mid: not a MIDI file (bad header)"}, so a
 * command line tool can print it as is, without a stack trace.
 */
public final class MusicDataException extends UserError {

    /**
     * Creates an exception with a one-line message.
     *
     * @param message the full message, starting with the file or folder concerned
     */
    public MusicDataException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a one-line message and the low-level cause.
     *
     * @param message the full message, starting with the file or folder concerned
     * @param cause the underlying exception
     */
    public MusicDataException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Builds the message {@code "<source>: <problem>"}.
     *
     * @param source the file or folder concerned
     * @param problem what is wrong with it
     * @return the exception
     */
    public static MusicDataException of(Path source, String problem) {
        return new MusicDataException(source + ": " + problem);
    }

    /**
     * Builds the message {@code "<source>: <problem>"} and keeps the cause.
     *
     * @param source the file, folder or resource name concerned
     * @param problem what is wrong with it
     * @param cause the underlying exception
     * @return the exception
     */
    public static MusicDataException of(String source, String problem, Throwable cause) {
        return new MusicDataException(source + ": " + problem, cause);
    }
}

package org.attentionsuite.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.train.TrainingDivergedException;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.music.MusicDataException;

/** Which exceptions are the user's mistakes (printed as one line) rather than bugs. */
final class UserErrors {
    private UserErrors() {
    }

    static boolean isUserError(Throwable t) {
        return t instanceof IllegalArgumentException || t instanceof CheckpointException
                || t instanceof TrainingDivergedException || t instanceof IOException
                || t instanceof UncheckedIOException || t instanceof ImageDataException
                || t instanceof MusicDataException;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}

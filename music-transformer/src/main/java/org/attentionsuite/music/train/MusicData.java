package org.attentionsuite.music.train;

import java.util.Locale;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.music.model.MusicEncoding;

/**
 * A {@link DataSource} of music tokens: batches of {@code length} inputs whose targets are the
 * next tokens, PAD after the end of a piece as input and never as a counted target.
 */
public interface MusicData extends DataSource {
    /** The vocabulary of the tokens. */
    MusicEncoding encoding();

    /** Model input length {@code L} of every batch. */
    int length();

    /** One line for the console, e.g. {@code "7 training pieces (18,210 events), 1 held out (3,715)"}. */
    String summary();

    /** A validation loss in this data's units, e.g. {@code "2.3456 nats/event"}. */
    default String describeLoss(double natsPerTarget) {
        return String.format(Locale.ROOT, "%.4f nats/%s", natsPerTarget, encoding().unit());
    }
}

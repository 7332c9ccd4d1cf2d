package org.attentionsuite.image.io;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.attentionsuite.core.UserError;

/**
 * What made a generated image, written into its PNG as text chunks ({@code tEXt}, shown by
 * {@code exiftool} and image viewers) so that a picture explains itself and can be made again.
 * No time stamp: the same command gives the same bytes.
 *
 * @param command    the command line that made it, e.g. {@code ./suite image sample --checkpoint …}
 * @param checkpoint the checkpoint the model was loaded from
 * @param seed       the sampling seed
 */
public record PngText(String command, String checkpoint, long seed) {
    /** Keyword of the program name (a PNG-registered keyword). */
    public static final String SOFTWARE = "Software";
    /** Value of {@link #SOFTWARE}. */
    public static final String SUITE = "attention-suite";
    /** Keyword of {@link #command}. */
    public static final String COMMAND = "Command";
    /** Keyword of {@link #checkpoint}. */
    public static final String CHECKPOINT = "Checkpoint";
    /** Keyword of {@link #seed}. */
    public static final String SEED = "Seed";

    public PngText {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(checkpoint, "checkpoint");
        if (command.isBlank() || checkpoint.isBlank()) {
            throw new UserError("PNG text needs a command and a checkpoint");
        }
    }

    /** @return keyword → text, in the order Software, Command, Checkpoint, Seed */
    public Map<String, String> chunks() {
        Map<String, String> text = new LinkedHashMap<>();
        text.put(SOFTWARE, SUITE);
        text.put(COMMAND, command);
        text.put(CHECKPOINT, checkpoint);
        text.put(SEED, Long.toString(seed));
        return text;
    }
}

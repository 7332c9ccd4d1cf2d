package org.attentionsuite.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A target whose code reads files, as a user's command does: each input is written to one scratch
 * file and {@link #read} from there, and the expected rejection is a one-line {@code rejection}
 * whose message starts with the file's path and a colon.
 */
public abstract class FileFuzzTarget implements FuzzTarget {
    private final Path file;
    private final Class<? extends Throwable> rejection;

    /**
     * @param scratch   a folder for the file each input is written to (made if missing)
     * @param suffix    the file name's end, e.g. {@code ".ckpt"}
     * @param rejection the exception of the code's user-facing errors
     */
    protected FileFuzzTarget(Path scratch, String suffix, Class<? extends Throwable> rejection) {
        this.rejection = rejection;
        try {
            Files.createDirectories(scratch);
            this.file = Files.createTempFile(scratch, "fuzz-input", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the code on the file holding one input.
     *
     * @param file the input's file
     * @throws Exception whatever the code throws; checked by {@link #isRejection}
     */
    protected abstract void read(Path file) throws Exception;

    @Override
    public final void run(byte[] input) throws Exception {
        Files.write(file, input);
        read(file);
    }

    @Override
    public boolean isRejection(Throwable thrown) {
        return FuzzTarget.isOneLineError(thrown, rejection, file + ": ");
    }
}

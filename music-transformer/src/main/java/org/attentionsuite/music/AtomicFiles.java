package org.attentionsuite.music;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files atomically: the content goes to a temporary file in the target's directory, which
 * is then moved over the target with {@link StandardCopyOption#ATOMIC_MOVE} and {@link
 * StandardCopyOption#REPLACE_EXISTING}. A reader therefore sees either the old file or the
 * complete new one, never a partial file; on failure the temporary file is deleted. On POSIX
 * file systems the new file keeps the permissions of the file it replaces, or gets
 * {@code rw-r--r--} (temporary files are created private).
 */
public final class AtomicFiles {

    /** Writes the content of a file to the path it is given. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the complete content to {@code temporaryFile} (which exists and is empty).
         *
         * @param temporaryFile where to write
         * @throws IOException if writing fails
         */
        void writeTo(Path temporaryFile) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating its parent directories if needed.
     *
     * @param target the final file
     * @param writer writes the content to the temporary file
     * @throws UncheckedIOException naming the target if writing or moving fails
     */
    public static void write(Path target, ContentWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
            writer.writeTo(temporary);
            copyPermissions(absolute, temporary);
            Files.move(temporary, absolute,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write (" + e.getMessage() + ")", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: the original failure is the one to report
                }
            }
        }
    }

    /** Default permissions of a new file: {@code rw-r--r--}. */
    private static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS =
            PosixFilePermissions.fromString("rw-r--r--");

    private static void copyPermissions(Path target, Path temporary) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target)
                ? Files.getPosixFilePermissions(target) : NEW_FILE_PERMISSIONS;
        view.setPermissions(permissions);
    }
}

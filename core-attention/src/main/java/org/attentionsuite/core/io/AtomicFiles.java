package org.attentionsuite.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.attentionsuite.core.UserError;

/**
 * The suite's one way to write a file: the content goes to a hidden temporary file in the target's
 * folder ({@code .<name>.<random>.tmp}), is flushed to disk ({@code fsync}), gets {@code rw-r--r--}
 * permissions, and is renamed over the target atomically; then the folder entry is synced. A reader
 * sees the old file or the complete new one, never a partial file, and a crash at any moment leaves
 * at most an orphaned temporary file, which {@link #removeOrphans} deletes at the next start. On
 * every failure path (an I/O error, a runtime exception of the writer, an error) the temporary file
 * is removed and the target is left as it was; when the JVM is interrupted (Ctrl-C, SIGTERM) a
 * shutdown hook removes the temporary files of the writes still under way, so only {@code kill -9}
 * or a crash of the machine leaves one behind.
 */
public final class AtomicFiles {
    /** Permissions of every file the suite writes. */
    public static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");
    private static final String TEMP_SUFFIX = ".tmp";
    /** Temporary files of the writes under way, removed by the shutdown hook if the JVM is interrupted. */
    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::removeInFlight, "remove-temporary-files"));
    }

    /** Writes the complete content of a file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically, creating missing parent folders.
     *
     * @throws UserError naming the target if anything fails (a full disk, a read-only folder, a
     *     folder where the file should be); the temporary file is removed
     */
    public static void write(Path target, Body body) {
        Path absolute = target.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        Path temp = dir.resolve(tempName(absolute.getFileName().toString()));
        boolean moved = false;
        IN_FLIGHT.add(temp);
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                         1 << 16)) {
                body.writeTo(new KeepOpen(out));   // a body may close its wrappers (zip, gzip)
                out.flush();
                channel.force(true);
            }
            setPermissions(temp);
            move(temp, absolute);
            moved = true;
            syncFolder(dir);
        } catch (IOException e) {
            throw new UserError(target + ": cannot write (" + describe(e) + ")", e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
            IN_FLIGHT.remove(temp);
        }
    }

    /**
     * Deletes the temporary files of the writes under way (the shutdown hook; the writers then fail
     * to rename, so every target keeps its old content). Returns how many it deleted.
     */
    static int removeInFlight() {
        int removed = 0;
        for (Path temp : IN_FLIGHT) {
            try {
                removed += Files.deleteIfExists(temp) ? 1 : 0;
            } catch (IOException ignored) {
                // the next start's removeOrphans deletes it
            }
        }
        return removed;
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Deletes the temporary files that an interrupted {@link #write} left in {@code dir} (names
     * {@code .<name>.<hex>.tmp}); returns how many. A missing folder has none.
     */
    public static int removeOrphans(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                if (isTempName(f.getFileName().toString()) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UserError(dir + ": cannot clean up temporary files (" + describe(e) + ")", e);
        }
        return removed;
    }

    /** The temporary name for a target called {@code name}. */
    static String tempName(String name) {
        return "." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + TEMP_SUFFIX;
    }

    /** Whether {@code name} is a temporary name made by {@link #tempName}. */
    static boolean isTempName(String name) {
        if (!name.startsWith(".") || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String core = name.substring(1, name.length() - TEMP_SUFFIX.length());
        int dot = core.lastIndexOf('.');
        if (dot <= 0 || dot == core.length() - 1) {
            return false;
        }
        for (char c : core.substring(dot + 1).toCharArray()) {
            if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Passes writes through; {@code close} only flushes, so the file can still be synced. */
    private static final class KeepOpen extends java.io.FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException("it is a folder");
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void setPermissions(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(FILE_PERMISSIONS);
        }
    }

    /** Makes the rename durable; not every platform can open a folder, which is harmless. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // the file's own content is already on disk
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the original failure is the one to report; removeOrphans cleans up later
        }
    }

    /** The reason of an I/O failure in words: {@code NoSuchFileException} alone says only the path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

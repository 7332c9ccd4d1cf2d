package org.attentionsuite.core.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;

/**
 * The folder of one training run ({@code --out}), held for the run's whole life:
 * <ul>
 *   <li>checked before the first step: it must be a folder (or creatable) and writable;</li>
 *   <li>locked: {@code .lock} holds an exclusive OS lock and names the holder (process id, start
 *       time, command), so a second run into the same folder stops with one line naming it; the OS
 *       releases the lock when the process ends, however it ends;</li>
 *   <li>cleaned: temporary files of an interrupted write are removed.</li>
 * </ul>
 */
public final class RunFolder implements AutoCloseable {
    /** The lock file's name. */
    public static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates (if needed), checks, locks and cleans {@code dir}.
     *
     * @param command what is training, written into the lock file for the next one to read
     * @throws UserError naming the folder if it is a file, not writable, or in use by another run
     */
    public static RunFolder open(Path dir, String command) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserError(dir + ": is a file, not a folder (give --out a folder for the checkpoints)");
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create the output folder (" + reason(e) + ")", e);
        }
        probeWritable(dir, abs);
        Path lockFile = abs.resolve(LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create its lock file (" + reason(e) + ")", e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                     // held by this very process
        } catch (IOException e) {
            close(ch);
            throw new UserError(dir + ": cannot lock the folder (" + reason(e) + ")", e);
        }
        if (lock == null) {
            String holder = readHolder(lockFile);
            close(ch);
            throw new UserError(dir + ": in use by another run (" + holder + "); wait for it to finish or "
                    + "choose another --out");
        }
        try {
            String info = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + ", " + command
                    + "\n";
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
        } catch (IOException e) {
            close(ch);
            throw new UserError(dir + ": cannot write its lock file (" + reason(e) + ")", e);
        }
        RunFolder folder = new RunFolder(abs, ch, lock);
        AtomicFiles.removeOrphans(abs);
        return folder;
    }

    /** The folder (absolute). */
    public Path dir() {
        return dir;
    }

    /** {@code dir/name}. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
        close(channel);
    }

    private static void probeWritable(Path dir, Path abs) {
        Path probe = abs.resolve(".write-test-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write into the output folder (" + reason(e) + ")", e);
        }
    }

    private static String readHolder(Path lockFile) {
        try {
            String s = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "holder unknown" : s;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing else to release
        }
    }
}

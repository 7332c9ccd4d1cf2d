package org.attentionsuite.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attentionsuite.core.UserError;

/**
 * A folder a command writes into ({@code --out}: a training run's folder, the samples of
 * {@code image sample}, the files of {@code music generate}, the demo's outputs, an export), held
 * from before the command's work starts until it has written everything:
 * <ul>
 *   <li>checked first: it must be a folder (or creatable) and writable, so a read-only folder
 *       fails before any sampling or training, not after;</li>
 *   <li>locked: {@code .lock} holds an exclusive OS lock and names the holder (process id, start
 *       time, command), so a second command into the same folder stops with one line naming it;
 *       the OS releases the lock when the process ends, however it ends;</li>
 *   <li>cleaned: temporary files an interrupted {@link AtomicFiles#write} left are removed (the
 *       writer itself removes its temporary files when the JVM is interrupted);</li>
 *   <li>and removed again at {@link #close} if this command created it and wrote nothing into it
 *       (a command refused after opening its folder leaves no empty folder behind).</li>
 * </ul>
 */
public final class OutputFolder implements AutoCloseable {
    /** The lock file's name. */
    public static final String LOCK = ".lock";
    /**
     * How long a refused command waits for the holder's line in {@code .lock}: the holder writes it
     * right after taking the lock, so a command started in the same instant can find it still empty.
     */
    static final Duration HOLDER_WAIT = Duration.ofSeconds(2);
    /** The holder lines of the folders this process holds (its own locks cannot be read back as contention). */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();
    private static final Pattern HOLDER_PID = Pattern.compile("^pid (\\d+),");

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private OutputFolder(Path dir, FileChannel channel, FileLock lock, boolean created) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Creates (if needed), checks, locks and cleans {@code dir}.
     *
     * @param command what is writing, written into the lock file for the next one to read
     * @throws UserError naming the folder if it is a file, not writable, or in use by another command
     */
    public static OutputFolder open(Path dir, String command) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new UserError(dir + ": is a file, not a folder (give --out a folder)");
        }
        boolean created = !Files.exists(abs);
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create the output folder (" + AtomicFiles.describe(e) + ")", e);
        }
        probeWritable(dir, abs);
        Path lockFile = abs.resolve(LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create its lock file (" + AtomicFiles.describe(e) + ")", e);
        }
        FileLock lock;
        String holder = null;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                     // held by this very process
            holder = HELD.get(abs);
        } catch (IOException e) {
            close(ch);
            throw new UserError(dir + ": cannot lock the folder (" + AtomicFiles.describe(e) + ")", e);
        }
        if (lock == null) {
            close(ch);
            throw new UserError(dir + ": in use by another command (" + (holder != null ? holder
                    : readHolder(lockFile, HOLDER_WAIT)) + "); wait for it to finish or choose another --out");
        }
        String info = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + ", " + command;
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((info + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
        } catch (IOException e) {
            close(ch);
            throw new UserError(dir + ": cannot write its lock file (" + AtomicFiles.describe(e) + ")", e);
        }
        HELD.put(abs, info);
        OutputFolder folder = new OutputFolder(abs, ch, lock, created);
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

    /**
     * Removes the regular files here whose names match {@code glob} (see
     * {@link java.nio.file.FileSystem#getPathMatcher}): what an earlier run of the same command
     * wrote and this run replaces, so that the folder never mixes two runs' outputs (an
     * interrupted run leaves part of its own, not part of its own beside an earlier grid).
     *
     * @return how many were removed
     * @throws UserError naming the folder if they cannot be removed
     */
    public int removeEarlier(String glob) {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(f);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UserError(dir + ": cannot remove an earlier run's files (" + AtomicFiles.describe(e) + ")", e);
        }
        return removed;
    }

    @Override
    public void close() {
        HELD.remove(dir);
        try {
            channel.truncate(0);                             // no later reader sees a finished holder
        } catch (IOException ignored) {
            // a stale line names a process that is gone, which readers skip
        }
        try {
            lock.release();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
        close(channel);
        if (created) {
            removeIfUnused(dir);
        }
    }

    /** Removes a folder that holds nothing but its lock file: a command refused before it wrote leaves no trace. */
    private static void removeIfUnused(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (!f.getFileName().toString().equals(LOCK)) {
                    return;
                }
            }
            Files.deleteIfExists(dir.resolve(LOCK));
            Files.delete(dir);
        } catch (IOException ignored) {
            // another command has started writing there meanwhile, or the folder is gone: keep what is
        }
    }

    private static void probeWritable(Path dir, Path abs) {
        Path probe = abs.resolve(".write-test-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write into the output folder (" + AtomicFiles.describe(e) + ")", e);
        }
    }

    /**
     * The holder's line in {@code lockFile}, waiting up to {@code wait} for a holder that has taken
     * the lock but not yet written it (the file is empty, or still names an earlier holder whose
     * process is gone); "holder unknown" only if no live holder appears.
     */
    static String readHolder(Path lockFile, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                String s = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                if (!s.isEmpty() && alive(s)) {
                    return s;
                }
            } catch (IOException e) {
                // gone or unreadable: wait as for an empty file
            }
            if (System.nanoTime() >= deadline) {
                return "holder unknown";
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "holder unknown";
            }
        }
    }

    /** Whether the process a holder line names ({@code "pid 4242, ..."}) is running. */
    private static boolean alive(String holder) {
        Matcher m = HOLDER_PID.matcher(holder);
        return m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing else to release
        }
    }
}

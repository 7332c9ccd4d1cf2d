package org.attentionsuite.core.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.attentionsuite.core.UserError;

/**
 * The suite's one way to read a file a user names (a MIDI file, a config file, a data set, a
 * checkpoint): the path must be a regular file (a folder, a FIFO, a device such as
 * {@code /dev/zero} or a socket is refused by what it is), and each kind of file has a size cap
 * ({@link Kind}) checked before anything is read and again while reading, so a file that grows, a
 * gzip stream that inflates without end, or a header that promises gigabytes never makes the suite
 * allocate more than the cap. Every refusal is a {@link UserError} of one line naming the file.
 *
 * <p>Readers that can work on a stream use {@link #open}; formats that need the whole file at once
 * use {@link #readAllBytes} or {@link #readString}. Inside a folder, a reader catches the
 * {@link UserError} of one file and skips it with a {@code warning:} line.
 */
public final class UserFiles {
    /** First two bytes of every gzip stream (RFC 1952). */
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER = 1 << 16;
    /** {@code st_mode} file-type bits (POSIX {@code S_IFMT}) and the types named in refusals. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    /**
     * A kind of user file: what to call it in messages and the most bytes the suite reads from one.
     *
     * @param noun     e.g. {@code "MIDI file"}, used as "more than the 16 MiB a MIDI file may hold"
     * @param maxBytes the cap, on the bytes read (after gunzipping when {@code gzip})
     * @param gzip     whether content starting with the gzip magic is gunzipped (decided by the
     *                 content, not the name)
     */
    public record Kind(String noun, long maxBytes, boolean gzip) {
        public Kind {
            Objects.requireNonNull(noun, "noun");
            if (maxBytes <= 0) {
                throw new IllegalArgumentException("cap " + maxBytes + " must be positive");
            }
        }

        /** A kind read as stored (never gunzipped). */
        public static Kind of(String noun, long maxBytes) {
            return new Kind(noun, maxBytes, false);
        }

        /** The cap in words, e.g. {@code "16 MiB"}. */
        public String cap() {
            return bytes(maxBytes);
        }
    }

    private UserFiles() {
    }

    /**
     * Checks that {@code file} is a regular file of at most the kind's cap.
     *
     * @return its size in bytes
     * @throws UserError naming the file: missing, a folder, not a regular file (saying which kind of
     *     special file), unreadable, or larger than the cap
     */
    public static long check(Path file, Kind kind) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        if (attributes.isDirectory()) {
            throw new UserError(file + ": is a folder, not a " + kind.noun());
        }
        if (!attributes.isRegularFile()) {
            throw new UserError(file + ": is " + specialType(file) + ", not a regular file; give a " + kind.noun());
        }
        if (attributes.size() > kind.maxBytes()) {
            throw tooLarge(file.toString(), kind, attributes.size());
        }
        if (!Files.isReadable(file)) {
            throw new UserError(file + ": cannot read (permission denied)");
        }
        return attributes.size();
    }

    /**
     * Opens {@code file} after {@link #check}: its content (gunzipped if the kind allows it and the
     * content starts with the gzip magic), buffered, and cut off with a {@link UserError} once more
     * than the cap has been read. The caller closes it.
     */
    public static InputStream open(Path file, Kind kind) {
        check(file, kind);
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
        }
        try {
            InputStream content = kind.gzip() ? gunzipIfNeeded(raw) : new BufferedInputStream(raw, BUFFER);
            return new Capped(content, file.toString(), kind);
        } catch (IOException e) {
            closeQuietly(raw);
            throw readFailure(file.toString(), e);
        }
    }

    /** The whole content of {@code file} (see {@link #open}). */
    public static byte[] readAllBytes(Path file, Kind kind) {
        try (InputStream in = open(file, kind)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw readFailure(file.toString(), e);
        }
    }

    /** The whole content of {@code file} as UTF-8 text (see {@link #open}). */
    public static String readString(Path file, Kind kind) {
        return new String(readAllBytes(file, kind), StandardCharsets.UTF_8);
    }

    /**
     * {@code in} itself (buffered) or, if it starts with the gzip magic {@code 1f 8b}, a stream of
     * its decompressed content.
     *
     * @throws EOFException if the gzip header is truncated
     */
    public static InputStream gunzipIfNeeded(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            return new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
        }
        return buffered;
    }

    /**
     * {@code in}, cut off with a {@link UserError} naming {@code source} once more than the kind's
     * cap has been read from it: for streams that do not come from a file (resources, fuzz inputs).
     */
    public static InputStream capped(InputStream in, String source, Kind kind) {
        return new Capped(in, source, kind);
    }

    /** The one-line error of an I/O failure while reading {@code source}, gzip failures named as such. */
    public static UserError readFailure(String source, IOException e) {
        if (e instanceof EOFException) {
            return new UserError(source + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return new UserError(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new UserError(source + ": cannot read (" + AtomicFiles.describe(e) + ")", e);
    }

    /** {@code n} bytes in words: {@code "512 bytes"}, {@code "16 MiB"}, {@code "2.0 GiB"}. */
    public static String bytes(long n) {
        if (n < 1L << 10) {
            return n + " bytes";
        }
        if (n < 1L << 20) {
            return String.format(Locale.ROOT, "%.0f KiB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format(Locale.ROOT, "%.0f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }

    private static UserError tooLarge(String source, Kind kind, long size) {
        String held = size < 0 ? "" : bytes(size) + ", ";
        return new UserError(source + ": holds " + held + "more than the " + kind.cap() + " a " + kind.noun()
                + " may hold");
    }

    /** "a FIFO", "a character device", … from the file's {@code st_mode}, or "a special file". */
    private static String specialType(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
            if (mode == 0120000) {                              // a symbolic link: describe its target
                mode = (Integer) Files.getAttribute(file, "unix:mode") & S_IFMT;
            }
            return switch (mode) {
                case S_IFIFO -> "a FIFO (named pipe)";
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFSOCK -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    /** Passes reads through until more than the cap has been read, then refuses. */
    private static final class Capped extends FilterInputStream {
        private final String source;
        private final Kind kind;
        private long read;

        Capped(InputStream in, String source, Kind kind) {
            super(in);
            this.source = source;
            this.kind = kind;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, kind.maxBytes() - read + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, kind.maxBytes() - read + 1));
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void count(long n) {
            read += n;
            if (read > kind.maxBytes()) {
                throw tooLarge(source, kind, -1);
            }
        }
    }
}

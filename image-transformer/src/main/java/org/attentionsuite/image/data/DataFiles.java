package org.attentionsuite.image.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.attentionsuite.image.ImageDataException;

/** Shared low-level helpers of the binary readers: opening, gzip detection, counted reads, error lines. */
final class DataFiles {

    /** First two bytes of every gzip stream (RFC 1952). */
    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    /** First allocation of {@link #readAtMost}: 1 MiB. */
    private static final int FIRST_CHUNK = 1 << 20;

    private DataFiles() {
    }

    /**
     * Opens a file for reading, unwrapping gzip when its content starts with 0x1f 0x8b (the name
     * does not matter).
     */
    static InputStream open(Path file) {
        if (!Files.exists(file)) {
            throw new ImageDataException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new ImageDataException(file + ": is a directory, expected a file");
        }
        try {
            return gunzipIfNeeded(Files.newInputStream(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ImageDataException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ImageDataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Returns a stream of the decompressed content if {@code in} starts with the gzip magic, else {@code in} (buffered). */
    static InputStream gunzipIfNeeded(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            try {
                return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
            } catch (EOFException e) {
                throw new ImageDataException(source + ": truncated gzip header", e);
            }
        }
        return buffered;
    }

    /** Reads up to {@code length} bytes, stopping early only at end of stream; returns how many were read. */
    static int readUpTo(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Reads up to {@code length} bytes into a fresh array that grows (doubling from
     * {@value #FIRST_CHUNK} bytes) as data arrives, so that a header announcing gigabytes costs
     * memory only for the bytes that are really there.
     *
     * @param in     the stream
     * @param length bytes wanted, {@code >= 0}
     * @return the bytes read: {@code length} of them, or fewer if the stream ended first
     */
    static byte[] readAtMost(InputStream in, int length) throws IOException {
        byte[] buffer = new byte[Math.min(length, FIRST_CHUNK)];
        int total = 0;
        while (true) {
            total += readUpTo(in, buffer, total, buffer.length - total);
            if (total < buffer.length || buffer.length == length) {
                return total == buffer.length ? buffer : Arrays.copyOf(buffer, total);
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(length, 2L * buffer.length));
        }
    }

    /** Counts the bytes left in the stream. */
    static long countRemaining(InputStream in) throws IOException {
        long total = 0;
        byte[] scratch = new byte[8192];
        for (int n; (n = in.read(scratch)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** Big-endian 32-bit integer at {@code offset}. */
    static int bigEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | (bytes[offset + 3] & 0xFF);
    }

    /** Translates an I/O failure while reading {@code source} into a one-line {@link ImageDataException}. */
    static ImageDataException readFailure(String source, IOException e) {
        if (e instanceof EOFException) {
            return new ImageDataException(source + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
        if (e instanceof ZipException) {
            return new ImageDataException(source + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new ImageDataException(source + ": cannot read (" + e.getMessage() + ")", e);
    }
}

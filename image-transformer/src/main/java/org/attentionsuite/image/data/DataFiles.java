package org.attentionsuite.image.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.image.ImageDataException;

/** Shared low-level helpers of the binary readers: opening, gzip detection, counted reads, error lines. */
final class DataFiles {

    /**
     * An IDX file (images or labels), gzipped or not: at most 1 GiB of content (Fashion-MNIST's
     * training images are 47 MB; 1 GiB holds 1.3 million 28x28 images).
     */
    static final UserFiles.Kind IDX = new UserFiles.Kind("IDX file", 1L << 30, true);
    /** A CIFAR-10 batch, gzipped or not: at most 1 GiB of content (a batch is 30,730,000 bytes). */
    static final UserFiles.Kind CIFAR = new UserFiles.Kind("CIFAR-10 batch", 1L << 30, true);
    /** Any data file given without {@code --format}, while its format is decided. */
    static final UserFiles.Kind DATA = new UserFiles.Kind("data file (IDX, CIFAR-10 or a picture)", 1L << 30, true);
    /** First allocation of {@link #readAtMost}: 1 MiB. */
    private static final int FIRST_CHUNK = 1 << 20;

    private DataFiles() {
    }

    /**
     * Opens a file of {@code kind} for reading ({@link UserFiles#open}: a regular file within the
     * kind's cap, gunzipped when its content starts with 0x1f 0x8b, whatever its name).
     */
    static InputStream open(Path file, UserFiles.Kind kind) {
        try {
            return UserFiles.open(file, kind);
        } catch (UserError e) {
            throw new ImageDataException(e.getMessage(), e);
        }
    }

    /** {@link UserFiles#check}, refusing with an {@link ImageDataException}. */
    static void check(Path file, UserFiles.Kind kind) {
        try {
            UserFiles.check(file, kind);
        } catch (UserError e) {
            throw new ImageDataException(e.getMessage(), e);
        }
    }

    /** {@code in}, gunzipped if it starts with the gzip magic ({@link UserFiles#gunzipIfNeeded}). */
    static InputStream gunzipIfNeeded(InputStream in, String source) throws IOException {
        try {
            return UserFiles.gunzipIfNeeded(in);
        } catch (EOFException e) {
            throw new ImageDataException(source + ": truncated gzip header", e);
        }
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
        UserError error = UserFiles.readFailure(source, e);
        return new ImageDataException(error.getMessage(), e);
    }
}

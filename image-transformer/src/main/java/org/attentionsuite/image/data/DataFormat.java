package org.attentionsuite.image.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.attentionsuite.image.ImageDataException;

/**
 * What a data file holds, decided from its content rather than its name: the first bytes after
 * gunzipping (gzip is recognised by its magic 0x1f8b) and, for CIFAR-10, the length.
 *
 * <ul>
 *   <li>{@link #IDX_IMAGES}: starts with the IDX magic 0x00000803 ({@link IdxReader#IMAGES_MAGIC});
 *   <li>{@link #IDX_LABELS}: starts with 0x00000801 ({@link IdxReader#LABELS_MAGIC});
 *   <li>{@link #IMAGE}: a PNG ({@code 89 50 4E 47 0D 0A 1A 0A}), JPEG ({@code FF D8 FF}) or GIF
 *       ({@code GIF87a}, {@code GIF89a}) signature, not gzipped;
 *   <li>{@link #CIFAR10}: none of the above, a whole positive number of
 *       {@value Cifar10Reader#RECORD_BYTES}-byte records (a full batch is 10,000 records,
 *       30,730,000 bytes) whose first label byte is 0..9;
 *   <li>{@link #EMPTY} and {@link #UNKNOWN} otherwise.
 * </ul>
 */
public enum DataFormat {
    /** IDX image file (MNIST, Fashion-MNIST). */
    IDX_IMAGES,
    /** IDX label file. */
    IDX_LABELS,
    /** CIFAR-10 binary batch. */
    CIFAR10,
    /** One PNG, JPEG or GIF picture. */
    IMAGE,
    /** A file without content. */
    EMPTY,
    /** Anything else. */
    UNKNOWN;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final int GZIP_MAGIC = 0x1f8b;
    /** Bytes read to decide (the longest signature). */
    private static final int HEAD = 8;

    /**
     * Reads as little of {@code file} as it takes to tell its format (all of a gzipped file that
     * is not IDX, to measure its length).
     *
     * @param file a regular file
     * @return its format
     * @throws ImageDataException when the file is missing, a folder or unreadable
     */
    public static DataFormat of(Path file) {
        byte[] raw = rawHead(file);
        if (raw.length == 0) {
            return EMPTY;
        }
        if (isPicture(raw)) {
            return IMAGE;
        }
        boolean gzipped = raw.length >= 2 && ((raw[0] & 0xff) << 8 | raw[1] & 0xff) == GZIP_MAGIC;
        try (InputStream in = DataFiles.open(file, DataFiles.DATA)) {
            byte[] head = new byte[HEAD];
            int got = DataFiles.readUpTo(in, head, 0, HEAD);
            if (got == 0) {
                return EMPTY;
            }
            if (got >= 4 && DataFiles.bigEndianInt(head, 0) == IdxReader.IMAGES_MAGIC) {
                return IDX_IMAGES;
            }
            if (got >= 4 && DataFiles.bigEndianInt(head, 0) == IdxReader.LABELS_MAGIC) {
                return IDX_LABELS;
            }
            long length = gzipped ? got + DataFiles.countRemaining(in) : Files.size(file);
            boolean records = length % Cifar10Reader.RECORD_BYTES == 0;
            return records && (head[0] & 0xff) < Cifar10Reader.CLASSES ? CIFAR10 : UNKNOWN;
        } catch (IOException e) {
            throw DataFiles.readFailure(file.toString(), e);
        }
    }

    /**
     * @param head the first bytes of a file as stored
     * @return true if they start with a PNG, JPEG or GIF signature (an {@link #IMAGE})
     */
    public static boolean isPicture(byte[] head) {
        return startsWith(head, PNG) || startsWith(head, JPEG) || startsWith(head, GIF87) || startsWith(head, GIF89);
    }

    /**
     * The one-line error for a file given without {@code --format} whose format is not a data
     * set's: empty, an IDX label file, or unknown.
     *
     * @param file   the file
     * @param format its format, {@link #EMPTY}, {@link #IDX_LABELS} or {@link #UNKNOWN}
     * @return the exception to throw
     */
    public static ImageDataException refusal(Path file, DataFormat format) {
        return switch (format) {
            case EMPTY -> new ImageDataException(file + ": empty file");
            case IDX_LABELS -> new ImageDataException(file
                    + ": an IDX label file; give the images file (*images-idx3-ubyte) or its folder");
            default -> {
                byte[] head = rawHead(file);
                String first = HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(4, head.length));
                yield new ImageDataException(file + ": not an IDX, CIFAR-10 or PNG/JPEG/GIF file (its first bytes are "
                        + first + cifarNote(file) + "); give --format idx, cifar or folder to read it anyway");
            }
        };
    }

    /** For a {@code .bin} file, why it is not a CIFAR-10 batch: its length (a truncated batch). */
    private static String cifarNote(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "";
        }
        return file.getFileName().toString().endsWith(".bin") && size % Cifar10Reader.RECORD_BYTES != 0
                ? String.format(Locale.ROOT, "; its %,d bytes are not a whole number of %,d-byte CIFAR-10 records: "
                        + "truncated?", size, Cifar10Reader.RECORD_BYTES) : "";
    }

    /** Up to {@value #HEAD} bytes of the file as stored (not gunzipped). */
    private static byte[] rawHead(Path file) {
        DataFiles.check(file, DataFiles.DATA);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw DataFiles.readFailure(file.toString(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}

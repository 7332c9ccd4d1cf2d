package org.attentionsuite.image.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.attentionsuite.image.ImageDataException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzipped or not (detected by the gzip
 * magic 0x1f8b, not by the file name).
 *
 * <p>Format (all integers 32-bit big-endian): an image file is the magic {@link #IMAGES_MAGIC}
 * (unsigned bytes, 3 dimensions), then N, rows, columns, then N*rows*columns bytes in (N, H, W)
 * order, which is already raster order with C = 1. A label file is the magic {@link #LABELS_MAGIC},
 * then N, then N label bytes.
 *
 * <p>Every problem (missing file, wrong magic, truncated or over-long file, label/image count
 * mismatch, corrupt gzip) is an {@link ImageDataException} with one line naming the file.
 */
public final class IdxReader {

    /** Magic of an IDX image file: unsigned byte data (0x08), 3 dimensions (N, H, W). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an IDX label file: unsigned byte data (0x08), 1 dimension (N). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file.
     *
     * @param images IDX image file (magic 0x00000803)
     * @param labels IDX label file (magic 0x00000801) with as many labels as there are images
     * @return the labelled (N, H, W, 1) set
     */
    public static ImageSet read(Path images, Path labels) {
        ImageSet set = readImages(images);
        return attachLabels(set, images.toString(), readLabels(labels), labels.toString());
    }

    /**
     * @param images IDX image file
     * @return the unlabelled (N, H, W, 1) set
     */
    public static ImageSet readImages(Path images) {
        try (InputStream in = DataFiles.open(images, DataFiles.IDX)) {
            return readImages(in, images.toString());
        } catch (IOException e) {
            throw DataFiles.readFailure(images.toString(), e);
        }
    }

    /**
     * @param labels IDX label file
     * @return the N labels 0..255
     */
    public static int[] readLabels(Path labels) {
        try (InputStream in = DataFiles.open(labels, DataFiles.IDX)) {
            return readLabels(in, labels.toString());
        } catch (IOException e) {
            throw DataFiles.readFailure(labels.toString(), e);
        }
    }

    /**
     * Reads an IDX image stream (gzipped or not). The stream is read to its end but not closed.
     *
     * @param in     the stream
     * @param source name of the stream for error messages (a file name or resource path)
     * @return the unlabelled (N, H, W, 1) set
     */
    public static ImageSet readImages(InputStream in, String source) {
        try {
            InputStream data = DataFiles.gunzipIfNeeded(in, source);
            byte[] header = readHeader(data, source, IMAGES_MAGIC, "images", 16);
            int count = DataFiles.bigEndianInt(header, 4);
            int rows = DataFiles.bigEndianInt(header, 8);
            int columns = DataFiles.bigEndianInt(header, 12);
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw new ImageDataException(source + ": invalid IDX image dimensions " + count + " x " + rows + " x " + columns);
            }
            long imageBytes = (long) rows * columns;                       // <= 2^62, no overflow
            if (imageBytes > Integer.MAX_VALUE - 8) {
                throw new ImageDataException(source + ": IDX images of " + rows + "x" + columns + " are too large");
            }
            long expected = count * imageBytes;                               // < 2^31 * 2^31, no overflow
            if (expected > Integer.MAX_VALUE - 8) {
                throw new ImageDataException(source + ": " + count + " images of " + rows + "x" + columns + " are too many to load");
            }
            byte[] pixels = DataFiles.readAtMost(data, (int) expected);   // grows with the data, not the header
            if (pixels.length < expected) {
                throw new ImageDataException(source + ": truncated: the header promises " + count + " images of "
                        + rows + "x" + columns + " (" + expected + " bytes) but only " + pixels.length + " bytes follow");
            }
            requireEnd(data, source, count + " images the header declares");
            return new ImageSet(rows, columns, 1, pixels, null);
        } catch (IOException e) {
            throw DataFiles.readFailure(source, e);
        }
    }

    /**
     * Reads an IDX label stream (gzipped or not). The stream is read to its end but not closed.
     *
     * @param in     the stream
     * @param source name of the stream for error messages
     * @return the N labels 0..255
     */
    public static int[] readLabels(InputStream in, String source) {
        try {
            InputStream data = DataFiles.gunzipIfNeeded(in, source);
            byte[] header = readHeader(data, source, LABELS_MAGIC, "labels", 8);
            int count = DataFiles.bigEndianInt(header, 4);
            if (count < 0) {
                throw new ImageDataException(source + ": invalid IDX label count " + count);
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new ImageDataException(source + ": " + count + " labels are too many to load");
            }
            byte[] bytes = DataFiles.readAtMost(data, count);              // grows with the data, not the header
            if (bytes.length < count) {
                throw new ImageDataException(source + ": truncated: the header promises " + count
                        + " labels but only " + bytes.length + " bytes follow");
            }
            requireEnd(data, source, count + " labels the header declares");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw DataFiles.readFailure(source, e);
        }
    }

    /** Pairs images with labels, failing with both names when the counts differ. */
    static ImageSet attachLabels(ImageSet images, String imagesSource, int[] labels, String labelsSource) {
        if (labels.length != images.count()) {
            throw new ImageDataException(labelsSource + ": " + labels.length + " labels but " + imagesSource
                    + " has " + images.count() + " images");
        }
        return new ImageSet(images.height(), images.width(), images.channels(), images.pixels(), labels);
    }

    private static byte[] readHeader(InputStream data, String source, int magic, String kind, int length)
            throws IOException {
        byte[] header = new byte[length];
        int got = DataFiles.readUpTo(data, header, 0, 4);
        if (got < 4) {
            throw new ImageDataException(source + ": truncated: " + got + " bytes, too short for an IDX magic number");
        }
        int actual = DataFiles.bigEndianInt(header, 0);
        if (actual != magic) {
            String hint = actual == IMAGES_MAGIC ? "; this is an IDX image file"
                    : actual == LABELS_MAGIC ? "; this is an IDX label file" : "";
            throw new ImageDataException(String.format("%s: wrong IDX magic 0x%08x (expected 0x%08x for %s)%s",
                    source, actual, magic, kind, hint));
        }
        got = DataFiles.readUpTo(data, header, 4, length - 4);
        if (got < length - 4) {
            throw new ImageDataException(source + ": truncated: the IDX " + kind + " header needs " + length
                    + " bytes but the file has " + (4 + got));
        }
        return header;
    }

    private static void requireEnd(InputStream data, String source, String what) throws IOException {
        long extra = DataFiles.countRemaining(data);
        if (extra > 0) {
            throw new ImageDataException(source + ": " + extra + " unexpected bytes after the " + what);
        }
    }
}

package org.attentionsuite.image.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.image.ImageDataException;

/**
 * Reads CIFAR-10 binary batches ({@code data_batch_1.bin} ... {@code test_batch.bin}), gzipped or not.
 *
 * <p>Each record is {@link #RECORD_BYTES} = 3073 bytes: one label byte 0..9, then three planes of
 * 32x32 bytes in row-major order: 1024 red, 1024 green, 1024 blue. The reader converts the planes
 * to raster order (row, column, channel) so that raster index {@code (r*32 + c)*3 + ch} holds
 * plane byte {@code 1 + ch*1024 + r*32 + c}.
 */
public final class Cifar10Reader {

    /** Image side: CIFAR-10 images are 32x32. */
    public static final int SIDE = 32;
    /** Bytes of one colour plane (32*32). */
    public static final int PLANE_BYTES = SIDE * SIDE;
    /** Bytes of one record: 1 label byte + 3 planes. */
    public static final int RECORD_BYTES = 1 + 3 * PLANE_BYTES;
    /** Number of classes: labels are 0..9, named by {@link ClassNames#CIFAR10}. */
    public static final int CLASSES = 10;

    private Cifar10Reader() {
    }

    /**
     * Reads and concatenates batches, in argument order.
     *
     * @param batches one or more CIFAR-10 binary batch files
     * @return the labelled (N, 32, 32, 3) set
     */
    public static ImageSet read(Path... batches) {
        return read(List.of(batches));
    }

    /**
     * Reads and concatenates batches, in list order.
     *
     * @param batches one or more CIFAR-10 binary batch files
     * @return the labelled (N, 32, 32, 3) set
     */
    public static ImageSet read(List<Path> batches) {
        if (batches.isEmpty()) {
            throw new UserError("no CIFAR-10 batch files given");
        }
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        int[] labels = new int[0];
        for (Path batch : batches) {
            ImageSet part;
            try (InputStream in = DataFiles.open(batch, DataFiles.CIFAR)) {
                part = read(in, batch.toString());
            } catch (IOException e) {
                throw DataFiles.readFailure(batch.toString(), e);
            }
            ImageSet.checkBytes(batches.size() == 1 ? batch.toString() : batches.get(0).getParent() + " (its "
                    + batches.size() + " batches)", (long) labels.length + part.count(), SIDE, SIDE, 3);
            pixels.writeBytes(part.pixels());
            int old = labels.length;
            labels = Arrays.copyOf(labels, old + part.count());
            System.arraycopy(part.labels(), 0, labels, old, part.count());
        }
        return new ImageSet(SIDE, SIDE, 3, pixels.toByteArray(), labels);
    }

    /**
     * Reads one batch from a stream (gzipped or not), to its end; the stream is not closed.
     *
     * @param in     the stream
     * @param source name of the stream for error messages
     * @return the labelled (N, 32, 32, 3) set
     */
    public static ImageSet read(InputStream in, String source) {
        try {
            InputStream data = DataFiles.gunzipIfNeeded(in, source);
            ByteArrayOutputStream pixels = new ByteArrayOutputStream();
            int[] labels = new int[1024];
            byte[] record = new byte[RECORD_BYTES];
            byte[] raster = new byte[3 * PLANE_BYTES];
            int count = 0;
            for (int got; (got = DataFiles.readUpTo(data, record, 0, RECORD_BYTES)) > 0; count++) {
                if (got < RECORD_BYTES) {
                    throw new ImageDataException(source + ": truncated record " + count + " (only " + got + " of "
                            + RECORD_BYTES + " bytes; a CIFAR-10 batch is a whole number of 3073-byte records)");
                }
                int label = record[0] & 0xFF;
                if (label >= CLASSES) {
                    throw new ImageDataException(source + ": record " + count + " has label " + label
                            + ", CIFAR-10 labels are 0..9 (is this a CIFAR-100 file?)");
                }
                planarToRaster(record, raster);
                pixels.write(raster, 0, raster.length);
                if (count == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * count);
                }
                labels[count] = label;
            }
            if (count == 0) {
                throw new ImageDataException(source + ": empty file, expected 3073-byte CIFAR-10 records");
            }
            return new ImageSet(SIDE, SIDE, 3, pixels.toByteArray(), Arrays.copyOf(labels, count));
        } catch (IOException e) {
            throw DataFiles.readFailure(source, e);
        }
    }

    /** record = [label, R plane (32x32), G plane, B plane] -> raster (32, 32, 3). */
    private static void planarToRaster(byte[] record, byte[] raster) {
        for (int p = 0; p < PLANE_BYTES; p++) {          // p = r*32 + c
            for (int ch = 0; ch < 3; ch++) {
                raster[p * 3 + ch] = record[1 + ch * PLANE_BYTES + p];
            }
        }
    }
}

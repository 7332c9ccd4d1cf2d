package org.attentionsuite.image.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.image.data.IdxReader;
import org.attentionsuite.image.data.ImageSet;

/**
 * Writes gray image sets and labels as IDX files (the MNIST format read by {@link IdxReader}),
 * atomically. The output is gzipped (best compression) when the file name ends in {@code .gz},
 * raw otherwise.
 *
 * <p>Image file: magic {@link IdxReader#IMAGES_MAGIC}, N, H, W (32-bit big-endian), then the
 * (N, H, W) bytes. Label file: magic {@link IdxReader#LABELS_MAGIC}, N, then N bytes.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /**
     * Writes the images and labels of a labelled gray set.
     *
     * @param set    labelled set with 1 channel and labels 0..255
     * @param images target image file
     * @param labels target label file
     */
    public static void write(ImageSet set, Path images, Path labels) {
        if (!set.hasLabels()) {
            throw new UserError("the image set has no labels to write to " + labels);
        }
        int[] values = set.labels();
        checkLabels(values);
        writeImages(set, images);
        writeLabels(values, labels);
    }

    /**
     * @param set  gray set (C = 1); labels, if any, are not written
     * @param file target image file
     */
    public static void writeImages(ImageSet set, Path file) {
        if (set.channels() != 1) {
            throw new UserError("IDX image files hold gray images; this set has " + set.channels() + " channels");
        }
        byte[] pixels = set.pixels();
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(compressIfNamed(file, out));
            data.writeInt(IdxReader.IMAGES_MAGIC);
            data.writeInt(set.count());
            data.writeInt(set.height());
            data.writeInt(set.width());
            data.write(pixels);
            data.close();
        });
    }

    /**
     * @param labels labels 0..255
     * @param file   target label file
     */
    public static void writeLabels(int[] labels, Path file) {
        checkLabels(labels);
        int[] copy = labels.clone();
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(compressIfNamed(file, out));
            data.writeInt(IdxReader.LABELS_MAGIC);
            data.writeInt(copy.length);
            for (int label : copy) {
                data.writeByte(label);
            }
            data.close();
        });
    }

    private static void checkLabels(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new UserError("label " + i + " is " + labels[i] + "; IDX labels are bytes 0..255");
            }
        }
    }

    private static OutputStream compressIfNamed(Path file, OutputStream out) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return out;
        }
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }
}

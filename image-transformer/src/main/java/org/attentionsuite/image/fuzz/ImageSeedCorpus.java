package org.attentionsuite.image.fuzz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.attentionsuite.image.data.Cifar10Reader;
import org.attentionsuite.image.data.IdxReader;

/**
 * Small data files written by code, the seeds of image fuzzing: every format {@code --data} reads,
 * in the forms found in the wild, and hostile headers next to them.
 *
 * <ul>
 *   <li>PNG: 8-bit gray, RGBA, a palette with a transparent entry, 16-bit gray, Adam7-interlaced
 *       RGB;</li>
 *   <li>JPEG: baseline RGB, gray, progressive;</li>
 *   <li>GIF: a palette with a transparent entry;</li>
 *   <li>IDX images and labels, raw and gzipped; CIFAR-10 batches of one and two records, raw and
 *       gzipped;</li>
 *   <li>hostile: a PNG whose header claims 46340x46340 pixels (with valid checksums) over a few
 *       bytes of data, an IDX image file claiming one image of 2^20 x 2^20, an IDX label file
 *       claiming 2^30 labels, a CIFAR-10 record with label 10 and a truncated one.</li>
 * </ul>
 */
public final class ImageSeedCorpus {

    private ImageSeedCorpus() {
    }

    /** @return the seed files, each at most a few kilobytes */
    public static List<byte[]> files() {
        List<byte[]> files = new ArrayList<>();
        files.add(png(picture(5, 4, BufferedImage.TYPE_BYTE_GRAY), false));
        files.add(png(picture(6, 5, BufferedImage.TYPE_INT_ARGB), false));
        files.add(png(palette(6, 6), false));
        files.add(png(picture(4, 3, BufferedImage.TYPE_USHORT_GRAY), false));
        files.add(png(picture(9, 7, BufferedImage.TYPE_INT_RGB), true));
        files.add(jpeg(picture(8, 8, BufferedImage.TYPE_INT_RGB), false));
        files.add(jpeg(picture(8, 6, BufferedImage.TYPE_BYTE_GRAY), false));
        files.add(jpeg(picture(16, 16, BufferedImage.TYPE_INT_RGB), true));
        files.add(write(palette(7, 5), "gif"));
        files.add(idxImages(3, 5, 4));
        files.add(gzip(idxImages(2, 6, 6)));
        files.add(idxLabels(10));
        files.add(gzip(idxLabels(25)));
        files.add(cifar(1));
        files.add(cifar(2));
        files.add(gzip(cifar(1)));
        files.add(pngClaiming(46_340, 46_340));
        files.add(header(IdxReader.IMAGES_MAGIC, 1, 1 << 20, 1 << 20));
        files.add(header(IdxReader.LABELS_MAGIC, 1 << 30));
        byte[] label10 = cifar(1);
        label10[0] = 10;
        files.add(label10);
        files.add(Arrays.copyOf(cifar(2), Cifar10Reader.RECORD_BYTES + 100));
        return List.copyOf(files);
    }

    /** An IDX image file of {@code count} images of {@code rows x columns}, intensities counting up. */
    public static byte[] idxImages(int count, int rows, int columns) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * columns)
                .putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < count * rows * columns; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    /** An IDX label file of {@code count} labels 0..9. */
    public static byte[] idxLabels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count).putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) (i % 10));
        }
        return b.array();
    }

    /** A CIFAR-10 batch of {@code records} records, labels 0..9 in turn, plane bytes varying. */
    public static byte[] cifar(int records) {
        byte[] bytes = new byte[records * Cifar10Reader.RECORD_BYTES];
        for (int r = 0; r < records; r++) {
            int at = r * Cifar10Reader.RECORD_BYTES;
            bytes[at] = (byte) (r % Cifar10Reader.CLASSES);
            for (int i = 1; i < Cifar10Reader.RECORD_BYTES; i++) {
                bytes[at + i] = (byte) (i * 13 + r);
            }
        }
        return bytes;
    }

    /** {@code bytes} gzipped. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A well-formed PNG of 8-bit gray pixels whose header declares {@code width x height} over the
     * data of one pixel, its checksum recomputed so that only the size is a lie: a decoder that
     * trusts the header allocates {@code width·height} bytes before it finds the rows missing.
     */
    public static byte[] pngClaiming(int width, int height) {
        byte[] bytes = png(picture(1, 1, BufferedImage.TYPE_BYTE_GRAY), false);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int ihdr = 8;                                      // after the signature: length, "IHDR", 13 bytes, CRC
        b.putInt(ihdr + 8, width).putInt(ihdr + 12, height);
        CRC32 crc = new CRC32();
        crc.update(bytes, ihdr + 4, 4 + 13);
        b.putInt(ihdr + 8 + 13, (int) crc.getValue());
        return bytes;
    }

    /** Big-endian integers only: an IDX header without its data. */
    private static byte[] header(int... fields) {
        ByteBuffer b = ByteBuffer.allocate(4 * fields.length);
        for (int f : fields) {
            b.putInt(f);
        }
        return b.array();
    }

    /** A {@code width x height} picture of {@code type}: a gradient with a square and, with alpha, a hole. */
    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        try {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    g.setColor(new Color(x * 255 / width, y * 255 / height, (x + y) * 20 % 256));
                    g.fillRect(x, y, 1, 1);
                }
            }
            g.setColor(Color.WHITE);
            g.fillRect(width / 4, height / 4, Math.max(1, width / 3), Math.max(1, height / 3));
        } finally {
            g.dispose();
        }
        if (image.getColorModel().hasAlpha()) {
            image.setRGB(0, 0, 0x00FF0000);                // fully transparent red
        }
        return image;
    }

    /** A four-colour palette picture whose entry 3 is transparent. */
    private static BufferedImage palette(int width, int height) {
        byte[] red = {0, (byte) 255, 0, 0};
        byte[] green = {0, 0, (byte) 255, 0};
        byte[] blue = {0, 0, 0, (byte) 255};
        IndexColorModel colours = new IndexColorModel(2, 4, red, green, blue, 3);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, colours);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x + 2 * y) % 4);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image, boolean interlaced) {
        return interlaced ? progressive(image, "png") : write(image, "png");
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) {
        return progressive ? progressive(image, "jpeg") : write(image, "jpeg");
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Written in progressive mode: Adam7 interlacing for PNG, progressive scans for JPEG. */
    private static byte[] progressive(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

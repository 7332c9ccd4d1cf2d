package org.attentionsuite.image.data;

import static org.attentionsuite.core.testing.Allocations.allocatedBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.image.ImageDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** IDX image bytes written by hand: magic, N, rows, columns, pixels. */
    private static byte[] idxImages(int magic, int count, int rows, int columns, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        out.write(pixels);
        return bytes.toByteArray();
    }

    private static byte[] idxLabels(int count, byte... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(count);
        out.write(labels);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** Two 2x3 images 0..5 and 250..255. */
    private static final byte[] PIXELS = {0, 1, 2, 3, 4, 5, (byte) 250, (byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255};

    @Test
    void readsRawAndGzippedFilesRegardlessOfName() throws IOException {
        byte[] images = idxImages(0x00000803, 2, 2, 3, PIXELS);
        // gzip detected from content: the gzipped file has no .gz suffix, the raw one has it
        Path gzipped = file("images.bin", gzip(images));
        Path raw = file("images.gz", images);
        Path labels = file("labels", gzip(idxLabels(2, (byte) 9, (byte) 0)));
        for (Path imagesFile : new Path[] {gzipped, raw}) {
            ImageSet set = IdxReader.read(imagesFile, labels);
            assertEquals(2, set.count());
            assertEquals(2, set.height());
            assertEquals(3, set.width());
            assertEquals(1, set.channels());
            assertArrayEquals(new int[] {250, 251, 252, 253, 254, 255}, set.sequence(1));
            assertEquals(4, set.intensity(0, 1, 1, 0));
            assertArrayEquals(new int[] {9, 0}, set.labels());
        }
    }

    @Test
    void wrongMagicNamesTheFileAndBothMagics() throws IOException {
        Path bad = file("train-images.gz", gzip(idxImages(0, 2, 2, 3, PIXELS)));
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.readImages(bad));
        assertEquals(bad + ": wrong IDX magic 0x00000000 (expected 0x00000803 for images)", e.getMessage());

        Path labels = file("labels", idxLabels(1, (byte) 3));
        ImageDataException swapped = assertThrows(ImageDataException.class, () -> IdxReader.readImages(labels));
        assertEquals(labels + ": wrong IDX magic 0x00000801 (expected 0x00000803 for images); this is an IDX label file",
                swapped.getMessage());
    }

    @Test
    void truncatedFilesAreReportedWithPromisedAndActualSizes() throws IOException {
        byte[] full = idxImages(0x00000803, 2, 2, 3, PIXELS);
        Path cut = file("cut", Arrays.copyOf(full, full.length - 5));
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.readImages(cut));
        assertEquals(cut + ": truncated: the header promises 2 images of 2x3 (12 bytes) but only 7 bytes follow",
                e.getMessage());

        Path shortLabels = file("short-labels", idxLabels(5, (byte) 1, (byte) 2));
        ImageDataException labels = assertThrows(ImageDataException.class, () -> IdxReader.readLabels(shortLabels));
        assertEquals(shortLabels + ": truncated: the header promises 5 labels but only 2 bytes follow", labels.getMessage());

        Path header = file("header-only", Arrays.copyOf(full, 10));
        assertTrue(assertThrows(ImageDataException.class, () -> IdxReader.readImages(header))
                .getMessage().startsWith(header + ": truncated"));

        byte[] gz = gzip(full);
        Path cutGzip = file("cut.gz", Arrays.copyOf(gz, gz.length - 12));
        ImageDataException g = assertThrows(ImageDataException.class, () -> IdxReader.readImages(cutGzip));
        assertTrue(g.getMessage().startsWith(cutGzip + ": truncated"), g.getMessage());
    }

    @Test
    void extraBytesAfterTheDeclaredDataAreAnError() throws IOException {
        byte[] full = idxImages(0x00000803, 2, 2, 3, PIXELS);
        Path longer = file("longer", Arrays.copyOf(full, full.length + 3));
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.readImages(longer));
        assertEquals(longer + ": 3 unexpected bytes after the 2 images the header declares", e.getMessage());
    }

    /**
     * Regressions found by fuzzing ({@code ImageFuzzTargetTest}): headers announcing huge sizes used to allocate
     * them before reading (1.3 GB for 2^30 labels, OutOfMemoryError for 2^31 − 1), the product
     * N·rows·columns could overflow a long (NegativeArraySizeException), and zero images of
     * 65536x65536 escaped as a plain UserError.
     */
    @Test
    void headersAnnouncingHugeSizesAreRefusedWithoutAllocatingThem() throws IOException {
        Path huge = file("huge", idxImages(0x00000803, 1, 30_000, 30_000, PIXELS));
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.readImages(huge));
        assertEquals(huge + ": truncated: the header promises 1 images of 30000x30000 (900000000 bytes) but only 12 "
                + "bytes follow", e.getMessage());
        long labelsAllocation = allocatedBy(() -> assertEquals(
                "labels: truncated: the header promises 1073741824 labels but only 2 bytes follow",
                assertThrows(ImageDataException.class, () -> IdxReader.readLabels(
                        new java.io.ByteArrayInputStream(idxLabels(1 << 30, (byte) 1, (byte) 2)), "labels"))
                        .getMessage()));
        assertTrue(labelsAllocation < 16 << 20, "allocated " + labelsAllocation + " bytes for 2 labels");
        long imagesAllocation = allocatedBy(() -> assertThrows(ImageDataException.class,
                () -> IdxReader.readImages(new java.io.ByteArrayInputStream(idxImages(0x00000803, 1, 30_000, 30_000,
                        PIXELS)), "images")));
        assertTrue(imagesAllocation < 16 << 20, "allocated " + imagesAllocation + " bytes for 12 pixels");

        assertEquals("labels: 2147483647 labels are too many to load", assertThrows(ImageDataException.class,
                () -> IdxReader.readLabels(new java.io.ByteArrayInputStream(idxLabels(Integer.MAX_VALUE)), "labels"))
                .getMessage());
        assertEquals("images: IDX images of 1073741824x1073741824 are too large", assertThrows(
                ImageDataException.class, () -> IdxReader.readImages(new java.io.ByteArrayInputStream(
                        idxImages(0x00000803, 1 << 30, 1 << 30, 1 << 30, PIXELS)), "images")).getMessage());
        assertEquals("images: IDX images of 65536x65536 are too large", assertThrows(ImageDataException.class,
                () -> IdxReader.readImages(new java.io.ByteArrayInputStream(idxImages(0x00000803, 0, 65_536, 65_536,
                        new byte[0])), "images")).getMessage());
        assertEquals("images: invalid IDX image dimensions -2147483648 x 28 x 28", assertThrows(
                ImageDataException.class, () -> IdxReader.readImages(new java.io.ByteArrayInputStream(
                        idxImages(0x00000803, Integer.MIN_VALUE, 28, 28, PIXELS)), "images")).getMessage());
    }

    @Test
    void labelCountMismatchNamesBothFiles() throws IOException {
        Path images = file("imgs", idxImages(0x00000803, 2, 2, 3, PIXELS));
        Path labels = file("lbls", idxLabels(3, (byte) 1, (byte) 2, (byte) 3));
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.read(images, labels));
        assertEquals(labels + ": 3 labels but " + images + " has 2 images", e.getMessage());
    }

    @Test
    void missingFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nope-images.gz");
        ImageDataException e = assertThrows(ImageDataException.class, () -> IdxReader.readImages(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void readsTheRealFashionMnistFiles() {
        Path images = FashionMnistFiles.require("t10k-images-idx3-ubyte.gz");
        Path labels = FashionMnistFiles.require("t10k-labels-idx1-ubyte.gz");
        ImageSet test = IdxReader.read(images, labels);
        assertEquals(10_000, test.count());
        assertEquals(28, test.height());
        assertEquals(28, test.width());
        // Golden values from `zcat t10k-labels-idx1-ubyte.gz | od -t u1` (skip the 8-byte header).
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(test.labels(), 10));
        // Row 14 of image 0, from `zcat t10k-images-idx3-ubyte.gz | od -t u1 -j $((16+14*28)) -N 28`.
        int[] row14 = {0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 98, 136, 110, 109,
                       110, 162, 135, 144, 149, 159, 167, 144, 158, 169, 119, 0};
        assertArrayEquals(row14, Arrays.copyOfRange(test.sequence(0), 14 * 28, 15 * 28));
        assertEquals(1000, classCount(test, 3));
    }

    @Test
    void readsTheRealFashionMnistTrainingSetWithBalancedClasses() {
        ImageSet train = IdxReader.read(FashionMnistFiles.require("train-images-idx3-ubyte.gz"),
                FashionMnistFiles.require("train-labels-idx1-ubyte.gz"));
        assertEquals(60_000, train.count());
        for (int label = 0; label < 10; label++) {
            assertEquals(6000, classCount(train, label), "images of class " + label);
        }
    }

    private static long classCount(ImageSet set, int label) {
        return Arrays.stream(set.labels()).filter(l -> l == label).count();
    }
}

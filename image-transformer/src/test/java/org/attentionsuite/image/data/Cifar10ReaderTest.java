package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.attentionsuite.image.ImageDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {

    @TempDir
    Path dir;

    /**
     * One record in the official layout: label, then the R, G and B planes, each 32 rows of 32 bytes.
     * Plane contents: R(r, c) = 7r + c, G(r, c) = 200 - r, B(r, c) = 3c + 50*record.
     */
    private static byte[] record(int record, int label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(label);
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 32; c++) {
                out.write(7 * r + c);
            }
        }
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 32; c++) {
                out.write(200 - r);
            }
        }
        for (int r = 0; r < 32; r++) {
            for (int c = 0; c < 32; c++) {
                out.write(3 * c + 50 * record);
            }
        }
        return out.toByteArray();
    }

    private Path batch(String name, byte[]... records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.write(r);
        }
        return Files.write(dir.resolve(name), out.toByteArray());
    }

    @Test
    void convertsPlanesToRasterOrderWithExactValues() throws IOException {
        ImageSet set = Cifar10Reader.read(batch("data_batch_1.bin", record(0, 6), record(1, 9)));
        assertEquals(2, set.count());
        assertEquals(32, set.height());
        assertEquals(32, set.width());
        assertEquals(3, set.channels());
        assertArrayEquals(new int[] {6, 9}, set.labels());
        // image 0, pixels (0,0) and (0,1): R, G, B consecutive
        assertArrayEquals(new int[] {0, 200, 0, 1, 200, 3}, Arrays.copyOf(set.sequence(0), 6));
        // image 1, row 3, column 5: R = 21 + 5, G = 200 - 3, B = 15 + 50
        assertEquals(26, set.intensity(1, 3, 5, 0));
        assertEquals(197, set.intensity(1, 3, 5, 1));
        assertEquals(65, set.intensity(1, 3, 5, 2));
        // the same pixel as a raster index: (3*32 + 5)*3 + 2 = 305
        assertEquals(65, set.intensity(1, 305));
        // last pixel (31, 31) of image 1: R = 217 + 31 = 248, G = 169, B = 93 + 50 = 143
        assertArrayEquals(new int[] {248, 169, 143}, Arrays.copyOfRange(set.sequence(1), 3069, 3072));
    }

    @Test
    void concatenatesBatchesInOrder() throws IOException {
        Path first = batch("data_batch_1.bin", record(0, 1));
        Path second = batch("data_batch_2.bin", record(1, 2), record(2, 3));
        ImageSet set = Cifar10Reader.read(first, second);
        assertArrayEquals(new int[] {1, 2, 3}, set.labels());
        assertEquals(100, set.intensity(2, 0, 0, 2));
    }

    @Test
    void truncatedRecordIsAClearError() throws IOException {
        byte[] partial = Arrays.copyOf(record(1, 4), 100);
        Path file = batch("test_batch.bin", record(0, 3), partial);
        ImageDataException e = assertThrows(ImageDataException.class, () -> Cifar10Reader.read(file));
        assertEquals(file + ": truncated record 1 (only 100 of 3073 bytes; a CIFAR-10 batch is a whole number of "
                + "3073-byte records)", e.getMessage());
    }

    @Test
    void labelOutsideZeroToNineIsRejected() throws IOException {
        Path file = batch("cifar100.bin", record(0, 57));
        ImageDataException e = assertThrows(ImageDataException.class, () -> Cifar10Reader.read(file));
        assertEquals(file + ": record 0 has label 57, CIFAR-10 labels are 0..9 (is this a CIFAR-100 file?)", e.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreErrors() throws IOException {
        Path empty = batch("empty.bin");
        assertEquals(empty + ": empty file, expected 3073-byte CIFAR-10 records",
                assertThrows(ImageDataException.class, () -> Cifar10Reader.read(empty)).getMessage());
        Path missing = dir.resolve("data_batch_9.bin");
        assertEquals(missing + ": no such file",
                assertThrows(ImageDataException.class, () -> Cifar10Reader.read(missing)).getMessage());
    }
}

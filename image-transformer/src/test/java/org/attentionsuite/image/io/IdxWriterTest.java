package org.attentionsuite.image.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.image.data.IdxReader;
import org.attentionsuite.image.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxWriterTest {

    @TempDir
    Path dir;

    private static ImageSet sample() {
        byte[] pixels = new byte[3 * 2 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        return new ImageSet(2, 4, 1, pixels, new int[] {0, 9, 255});
    }

    @Test
    void gzippedRoundTrip() throws IOException {
        Path images = dir.resolve("images-idx3-ubyte.gz");
        Path labels = dir.resolve("labels-idx1-ubyte.gz");
        IdxWriter.write(sample(), images, labels);
        byte[] head = Arrays.copyOf(Files.readAllBytes(images), 2);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, head, ".gz names are gzipped");
        assertEquals(sample(), IdxReader.read(images, labels));
    }

    @Test
    void rawFilesHaveTheExactIdxLayout() throws IOException {
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxWriter.write(sample(), images, labels);
        byte[] bytes = Files.readAllBytes(images);
        assertEquals(16 + 24, bytes.length);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 4}, Arrays.copyOf(bytes, 16));
        assertEquals((byte) 11, bytes[17]);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 0, 9, (byte) 255}, Files.readAllBytes(labels));
        assertEquals(sample(), IdxReader.read(images, labels));
    }

    @Test
    void rejectsWhatIdxCannotHold() {
        ImageSet rgb = ImageSet.fromSequences(1, 1, 3, List.of(new int[] {1, 2, 3}));
        assertEquals("IDX image files hold gray images; this set has 3 channels",
                assertThrows(IllegalArgumentException.class, () -> IdxWriter.writeImages(rgb, dir.resolve("x"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdxWriter.writeLabels(new int[] {256}, dir.resolve("y")));
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.write(new ImageSet(1, 1, 1, new byte[1], null), dir.resolve("a"), dir.resolve("b")));
    }
}

package org.attentionsuite.image.io;

import org.attentionsuite.core.UserError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.attentionsuite.image.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

    @TempDir
    Path dir;

    private static BufferedImage readBack(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertFalse(image == null, "ImageIO could not read " + file);
        return image;
    }

    @Test
    void writesAGrayImageWithExactIntensities() throws IOException {
        ImageSet set = ImageSet.fromSequences(2, 3, 1, List.of(new int[] {0, 1, 2, 128, 254, 255}));
        Path file = dir.resolve("gray.png");
        PngWriter.write(set, 0, file);
        BufferedImage image = readBack(file);
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(1, image.getRaster().getNumBands());
        Raster raster = image.getRaster();
        assertEquals(List.of(0, 1, 2), List.of(raster.getSample(0, 0, 0), raster.getSample(1, 0, 0), raster.getSample(2, 0, 0)));
        assertEquals(List.of(128, 254, 255), List.of(raster.getSample(0, 1, 0), raster.getSample(1, 1, 0), raster.getSample(2, 1, 0)));
    }

    @Test
    void writesAnRgbImageUpscaledByNearestNeighbour() throws IOException {
        // 1x2 RGB: pixel (0,0) = (10, 20, 30), pixel (0,1) = (200, 100, 0)
        ImageSet set = ImageSet.fromSequences(1, 2, 3, List.of(new int[] {10, 20, 30, 200, 100, 0}));
        Path file = dir.resolve("rgb.png");
        PngWriter.write(set, 0, 3, file);
        BufferedImage image = readBack(file);
        assertEquals(6, image.getWidth());
        assertEquals(3, image.getHeight());
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(0x0A141E, image.getRGB(x, y) & 0xFFFFFF, "left pixel at " + x + "," + y);
                assertEquals(0xC86400, image.getRGB(x + 3, y) & 0xFFFFFF, "right pixel at " + (x + 3) + "," + y);
            }
        }
    }

    @Test
    void gridHasScaledTilesTwoPixelSeparatorsAndWhiteEmptyCells() throws IOException {
        // three 2x2 gray images, values 10*n + pixel
        ImageSet set = ImageSet.fromSequences(2, 2, 1, List.of(
                new int[] {0, 1, 2, 3}, new int[] {10, 11, 12, 13}, new int[] {20, 21, 22, 23}));
        Path file = dir.resolve("grid.png");
        PngWriter.writeGrid(set, 2, 2, file);
        Raster r = readBack(file).getRaster();
        // 2 columns x 2 rows of 4x4 tiles + one 2 px separator each way: 10 x 10
        assertEquals(10, r.getWidth());
        assertEquals(10, r.getHeight());
        assertEquals(0, r.getSample(0, 0, 0));
        assertEquals(1, r.getSample(3, 1, 0));     // image 0 pixel (0,1) scaled to x 2..3
        assertEquals(3, r.getSample(3, 3, 0));
        assertEquals(255, r.getSample(4, 0, 0));   // vertical separator x = 4, 5
        assertEquals(255, r.getSample(5, 3, 0));
        assertEquals(10, r.getSample(6, 0, 0));    // image 1 starts at x = 6
        assertEquals(13, r.getSample(9, 3, 0));
        assertEquals(255, r.getSample(0, 4, 0));   // horizontal separator y = 4, 5
        assertEquals(20, r.getSample(0, 6, 0));    // image 2 starts at y = 6
        assertEquals(23, r.getSample(3, 9, 0));
        assertEquals(255, r.getSample(8, 8, 0));   // empty cell
    }

    @Test
    void defaultScaleMakesTwentyEightPixelsAtLeast112() throws IOException {
        assertEquals(4, PngWriter.defaultScale(28, 28));
        assertEquals(4, PngWriter.defaultScale(32, 32));
        assertEquals(7, PngWriter.defaultScale(16, 16));
        assertEquals(1, PngWriter.defaultScale(200, 300));

        ImageSet four = ImageSet.fromSequences(28, 28, 1, List.of(new int[784], new int[784], new int[784], new int[784]));
        Path file = dir.resolve("default.png");
        PngWriter.writeGrid(four, file);
        BufferedImage grid = readBack(file);
        assertEquals(2 * 112 + 2, grid.getWidth());
        assertEquals(2 * 112 + 2, grid.getHeight());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out/sample.png");
        PngWriter.write(ImageSet.fromSequences(1, 1, 1, List.of(new int[] {7})), 0, file);
        PngWriter.write(ImageSet.fromSequences(1, 1, 1, List.of(new int[] {9})), 0, file);
        assertEquals(9, readBack(file).getRaster().getSample(0, 0, 0));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void reportsUnwritableTargetsOnOneLine() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path file = blocker.resolve("image.png");
        ImageSet set = ImageSet.fromSequences(1, 1, 1, List.of(new int[] {0}));
        UserError e = assertThrows(UserError.class, () -> PngWriter.write(set, 0, file));
        assertEquals(true, e.getMessage().startsWith(file + ": cannot write"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PngWriter.write(set, 0, 0, dir.resolve("x.png")));
    }
}

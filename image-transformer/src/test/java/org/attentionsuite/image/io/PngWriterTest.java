package org.attentionsuite.image.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.attentionsuite.core.UserError;
import org.attentionsuite.image.data.ClassNames;
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

    /**
     * Labels [2, 0, 2, 2, 0] with 2 columns: class 0 (images 1, 4) is grid row 0, class 2 (images
     * 0, 2, 3) rows 1 and 2; each class name is written left of its first row only.
     */
    @Test
    void classGridGroupsImagesByClassAndNamesEachGroup() {
        int[][] sequences = new int[5][];
        for (int n = 0; n < 5; n++) {
            sequences[n] = new int[] {10 * n, 10 * n + 1, 10 * n + 2, 10 * n + 3};          // 2x2 gray
        }
        ImageSet unlabelled = ImageSet.fromSequences(2, 2, 1, List.of(sequences));
        ImageSet set = new ImageSet(2, 2, 1, unlabelled.pixels(), new int[] {2, 0, 2, 2, 0});
        int scale = 20;
        int tile = 40;
        int step = tile + PngWriter.SEPARATOR;
        BufferedImage grid = PngWriter.renderClassGrid(set, 2, scale, ClassNames.CIFAR10);
        assertEquals(3 * step - PngWriter.SEPARATOR, grid.getHeight());
        int x0 = grid.getWidth() - (2 * step - PngWriter.SEPARATOR);               // first tile column
        int[][] expected = {{1, 4}, {0, 2}, {3, -1}};                               // image per (row, column)
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 2; column++) {
                int n = expected[row][column];
                int x = x0 + column * step;
                int y = row * step;
                if (n < 0) {
                    assertEquals(PngWriter.SEPARATOR_INTENSITY, grid.getRaster().getSample(x + 5, y + 5, 0));
                } else {
                    assertEquals(10 * n, grid.getRaster().getSample(x, y, 0), "row " + row + ", column " + column);
                    assertEquals(10 * n + 3, grid.getRaster().getSample(x + tile - 1, y + tile - 1, 0));
                }
            }
        }
        int labelWidth = x0 - PngWriter.SEPARATOR;
        int airplane = textWidth("airplane");                                         // wider than "bird"
        assertEquals(airplane + 2 * PngWriter.LABEL_PADDING, labelWidth);
        assertTrue(ink(grid, 0, 0, labelWidth, tile) > 0, "airplane is written left of row 0");
        assertTrue(ink(grid, 0, step, labelWidth, tile) > 0, "bird is written left of row 1");
        assertEquals(0, ink(grid, 0, 2 * step, labelWidth, tile), "the continuation row has no name");
        assertThrows(UserError.class, () -> PngWriter.renderClassGrid(unlabelled, 2, 1, ClassNames.CIFAR10));
    }

    /** Width of {@code text} in the class grid's font (10 px sans-serif for 40-pixel tiles). */
    private static int textWidth(String text) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY).createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            return g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 10)).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    /** Number of dark ({@code < 128}) pixels in the rectangle. */
    private static int ink(BufferedImage image, int x0, int y0, int width, int height) {
        int dark = 0;
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                dark += image.getRaster().getSample(x, y, 0) < 128 ? 1 : 0;
            }
        }
        return dark;
    }
}

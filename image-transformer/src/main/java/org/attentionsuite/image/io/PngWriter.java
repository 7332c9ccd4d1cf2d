package org.attentionsuite.image.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.data.ImageSet;

/**
 * Writes images of an {@link ImageSet} as PNG files (8-bit gray for C = 1, 8-bit RGB for C = 3),
 * atomically through {@link org.attentionsuite.core.io.PngFiles}.
 *
 * <p>Upscaling is nearest-neighbour by an integer {@code scale}: output pixel (y, x) of a tile is
 * image pixel (y / scale, x / scale), so intensities are reproduced exactly. A grid lays the
 * images out row by row, {@code columns} per grid row, with a {@link #SEPARATOR}-pixel white
 * separator between tiles; unused cells of the last grid row are white. A class grid
 * ({@link #renderClassGrid}) groups labelled images by class, one group of rows per class, with
 * the class name written left of the group. The overloads taking a {@link PngText} write what made
 * the image (command, checkpoint, seed) into the file.
 */
public final class PngWriter {

    /** Separator width between grid tiles, in output pixels. */
    public static final int SEPARATOR = 2;
    /** Intensity of the separator and of empty grid cells (white). */
    public static final int SEPARATOR_INTENSITY = 255;
    /** Space left and right of a class name in a class grid, in output pixels. */
    public static final int LABEL_PADDING = 6;
    /** Smallest and largest font size of class names, in output pixels (a sixth of the tile height between). */
    private static final int MIN_FONT = 10;
    private static final int MAX_FONT = 16;
    /** The default scale makes the shorter image side at least this many output pixels (28 -> 112). */
    public static final int DEFAULT_MIN_SIDE = 112;

    private PngWriter() {
    }

    /**
     * @param height image height H
     * @param width  image width W
     * @return the smallest integer scale {@code >= 1} making {@code min(H, W) * scale >= 112}
     */
    public static int defaultScale(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new UserError("image size must be positive, got " + height + "x" + width);
        }
        int side = Math.min(height, width);
        return Math.max(1, (DEFAULT_MIN_SIDE + side - 1) / side);
    }

    /**
     * Writes one image at its own size.
     *
     * @param set   the images
     * @param image image number n
     * @param file  target PNG file (parent directories are created)
     */
    public static void write(ImageSet set, int image, Path file) {
        write(set, image, 1, file);
    }

    /**
     * Writes one image upscaled by {@code scale}.
     *
     * @param set   the images
     * @param image image number n
     * @param scale nearest-neighbour factor {@code >= 1}
     * @param file  target PNG file
     */
    public static void write(ImageSet set, int image, int scale, Path file) {
        PngFiles.write(render(set, image, scale), file);
    }

    /**
     * Writes one image upscaled by {@code scale}, with text chunks saying what made it.
     *
     * @param set   the images
     * @param image image number n
     * @param scale nearest-neighbour factor {@code >= 1}
     * @param file  target PNG file
     * @param text  command, checkpoint and seed
     */
    public static void write(ImageSet set, int image, int scale, Path file, PngText text) {
        PngFiles.write(render(set, image, scale), file, text.chunks());
    }

    /**
     * Writes all images of the set as a near-square grid ({@code ceil(sqrt(N))} columns) at the
     * {@link #defaultScale default scale}.
     *
     * @param set  the images, at least one
     * @param file target PNG file
     */
    public static void writeGrid(ImageSet set, Path file) {
        PngFiles.write(renderGrid(set, squareColumns(set.count()), defaultScale(set.height(), set.width())), file);
    }

    /**
     * Writes all images of the set as a near-square grid at the default scale, with text chunks.
     *
     * @param set  the images, at least one
     * @param file target PNG file
     * @param text command, checkpoint and seed
     */
    public static void writeGrid(ImageSet set, Path file, PngText text) {
        PngFiles.write(renderGrid(set, squareColumns(set.count()), defaultScale(set.height(), set.width())), file,
                text.chunks());
    }

    /** {@code ceil(sqrt(n))}, at least 1: the columns of a near-square grid of n images. */
    public static int squareColumns(int n) {
        return Math.max(1, (int) Math.ceil(Math.sqrt(n)));
    }

    /**
     * Writes all images of the set as a grid.
     *
     * @param set     the images, at least one
     * @param columns tiles per grid row, {@code >= 1}
     * @param scale   nearest-neighbour factor {@code >= 1}
     * @param file    target PNG file
     */
    public static void writeGrid(ImageSet set, int columns, int scale, Path file) {
        PngFiles.write(renderGrid(set, columns, scale), file);
    }

    /**
     * Writes all images of the set as a grid, with text chunks.
     *
     * @param set     the images, at least one
     * @param columns tiles per grid row, {@code >= 1}
     * @param scale   nearest-neighbour factor {@code >= 1}
     * @param file    target PNG file
     * @param text    command, checkpoint and seed
     */
    public static void writeGrid(ImageSet set, int columns, int scale, Path file, PngText text) {
        PngFiles.write(renderGrid(set, columns, scale), file, text.chunks());
    }

    /**
     * @param set   the images
     * @param image image number n
     * @param scale nearest-neighbour factor {@code >= 1}
     * @return a (H*scale) x (W*scale) {@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB} image
     */
    public static BufferedImage render(ImageSet set, int image, int scale) {
        checkScale(scale);
        if (image < 0 || image >= set.count()) {
            throw new IndexOutOfBoundsException("image " + image + " is outside 0.." + (set.count() - 1));
        }
        BufferedImage out = blank(set.width() * scale, set.height() * scale, set.channels());
        drawTile(set, image, scale, out.getRaster(), 0, 0);
        return out;
    }

    /**
     * Grid size: {@code rows = ceil(N / columns)}, width {@code columns*W*scale + (columns-1)*2},
     * height {@code rows*H*scale + (rows-1)*2}; image n sits in grid row n / columns, column n % columns.
     *
     * @param set     the images, at least one
     * @param columns tiles per grid row, {@code >= 1}
     * @param scale   nearest-neighbour factor {@code >= 1}
     * @return the grid image
     */
    public static BufferedImage renderGrid(ImageSet set, int columns, int scale) {
        checkScale(scale);
        if (columns < 1) {
            throw new UserError("grid columns must be >= 1, got " + columns);
        }
        if (set.count() == 0) {
            throw new UserError("cannot draw a grid of 0 images");
        }
        int tileWidth = set.width() * scale;
        int tileHeight = set.height() * scale;
        int used = Math.min(columns, set.count());
        int rows = (set.count() + columns - 1) / columns;
        int width = Math.addExact(Math.multiplyExact(used, tileWidth), (used - 1) * SEPARATOR);
        int height = Math.addExact(Math.multiplyExact(rows, tileHeight), (rows - 1) * SEPARATOR);
        BufferedImage out = white(width, height, set.channels());
        WritableRaster raster = out.getRaster();
        for (int n = 0; n < set.count(); n++) {
            int x0 = n % columns * (tileWidth + SEPARATOR);
            int y0 = n / columns * (tileHeight + SEPARATOR);
            drawTile(set, n, scale, raster, x0, y0);
        }
        return out;
    }

    /**
     * Writes labelled images as a class grid ({@link #renderClassGrid}).
     *
     * @param set     labelled images, at least one
     * @param columns tiles per grid row, {@code >= 1}
     * @param scale   nearest-neighbour factor {@code >= 1}
     * @param names   names of the labels
     * @param file    target PNG file
     * @param text    command, checkpoint and seed
     */
    public static void writeClassGrid(ImageSet set, int columns, int scale, ClassNames names, Path file,
            PngText text) {
        PngFiles.write(renderClassGrid(set, columns, scale, names), file, text.chunks());
    }

    /**
     * A grid with one group of rows per class present, in label order: class c's images, in set
     * order, fill {@code ceil(count_c / columns)} rows, and its name ({@link ClassNames#of}) is
     * written in black, vertically centred on the group's first row, in a label column on the
     * left. Layout: the label column (the widest name plus {@value #LABEL_PADDING} pixels each
     * side), a {@link #SEPARATOR}, then the tiles as in {@link #renderGrid}; so with as many
     * columns as images per class, each class is one row.
     *
     * @param set     labelled images, at least one
     * @param columns tiles per grid row, {@code >= 1}
     * @param scale   nearest-neighbour factor {@code >= 1}
     * @param names   names of the labels
     * @return the grid image
     */
    public static BufferedImage renderClassGrid(ImageSet set, int columns, int scale, ClassNames names) {
        checkScale(scale);
        if (columns < 1) {
            throw new UserError("grid columns must be >= 1, got " + columns);
        }
        if (set.count() == 0 || !set.hasLabels()) {
            throw new UserError("a class grid needs at least one labelled image");
        }
        SortedMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int n = 0; n < set.count(); n++) {
            byClass.computeIfAbsent(set.label(n), c -> new ArrayList<>()).add(n);
        }
        int tileWidth = set.width() * scale;
        int tileHeight = set.height() * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(MIN_FONT, Math.min(MAX_FONT, tileHeight / 6)));
        FontMetrics metrics;
        Graphics2D scratch = blank(1, 1, set.channels()).createGraphics();
        try {
            scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            metrics = scratch.getFontMetrics(font);
        } finally {
            scratch.dispose();
        }
        int labelWidth = 0;
        int rows = 0;
        int used = 0;
        for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
            labelWidth = Math.max(labelWidth, metrics.stringWidth(names.of(e.getKey())));
            rows += (e.getValue().size() + columns - 1) / columns;
            used = Math.max(used, Math.min(columns, e.getValue().size()));
        }
        labelWidth += 2 * LABEL_PADDING;
        int x0 = labelWidth + SEPARATOR;
        int width = Math.addExact(x0, Math.addExact(Math.multiplyExact(used, tileWidth), (used - 1) * SEPARATOR));
        int height = Math.addExact(Math.multiplyExact(rows, tileHeight), (rows - 1) * SEPARATOR);
        BufferedImage out = white(width, height, set.channels());
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.BLACK);
            int row = 0;
            for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
                int y0 = row * (tileHeight + SEPARATOR);
                int baseline = y0 + (tileHeight + metrics.getAscent() - metrics.getDescent()) / 2;
                g.drawString(names.of(e.getKey()), LABEL_PADDING, baseline);
                List<Integer> images = e.getValue();
                for (int i = 0; i < images.size(); i++) {
                    drawTile(set, images.get(i), scale, out.getRaster(), x0 + i % columns * (tileWidth + SEPARATOR),
                            (row + i / columns) * (tileHeight + SEPARATOR));
                }
                row += (images.size() + columns - 1) / columns;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Draws image n, upscaled, with its top-left corner at (x0, y0); band ch of the raster = channel ch. */
    private static void drawTile(ImageSet set, int image, int scale, WritableRaster raster, int x0, int y0) {
        int channels = set.channels();
        for (int y = 0; y < set.height() * scale; y++) {
            for (int x = 0; x < set.width() * scale; x++) {
                int base = (y / scale * set.width() + x / scale) * channels;
                for (int ch = 0; ch < channels; ch++) {
                    raster.setSample(x0 + x, y0 + y, ch, set.intensity(image, base + ch));
                }
            }
        }
    }

    /** A blank image filled with {@link #SEPARATOR_INTENSITY}. */
    private static BufferedImage white(int width, int height, int channels) {
        BufferedImage out = blank(width, height, channels);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int band = 0; band < channels; band++) {
                    raster.setSample(x, y, band, SEPARATOR_INTENSITY);
                }
            }
        }
        return out;
    }

    private static BufferedImage blank(int width, int height, int channels) {
        return new BufferedImage(width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    }

    private static void checkScale(int scale) {
        if (scale < 1) {
            throw new UserError("scale must be >= 1, got " + scale);
        }
    }
}

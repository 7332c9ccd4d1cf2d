package org.attentionsuite.image.data;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.image.ImageDataException;
import org.imgscalr.Scalr;

/**
 * Reads every PNG, JPEG and GIF file under a folder (recursively, in sorted path order), or one
 * image file, into an unlabelled {@link ImageSet} of {@code height} x {@code width} x
 * {@code colorMode.channels()}.
 *
 * <p>Per file: read the size its header declares and refuse more than {@link #MAX_PIXELS} pixels
 * before anything is decoded (a few bytes of PNG header can claim 100000x100000 pixels, 40 GB
 * decoded); decode with {@link ImageIO} (a side of four times the target's or more keeps only every
 * k-th pixel, at least twice the target's, so that the work follows the target and not what a
 * header declares); composite onto an opaque white background (so
 * transparent RGBA/GIF pixels become white); if the size differs from the target, resize with
 * imgscalr ({@link Scalr.Method#QUALITY}, {@link Scalr.Mode#FIT_EXACT}: the aspect ratio is not
 * kept); then emit R, G, B or the BT.601 luma ({@link ColorMode#luma}). Compositing happens before
 * resizing so that the colour of fully transparent pixels cannot bleed into visible ones.
 *
 * <p>Files with other extensions are ignored. Image files that cannot be decoded are skipped with
 * one warning line each, reported in the {@link FolderImages} result. A missing folder, or a
 * folder without any readable image, is an {@link ImageDataException} naming the folder. A single
 * file is read whatever its extension, and is an error if it cannot be decoded.
 *
 * @param height    target height H, {@code > 0}
 * @param width     target width W, {@code > 0}
 * @param colorMode gray (C = 1) or RGB (C = 3)
 */
public record ImageFolderReader(int height, int width, ColorMode colorMode) {

    /** Lower-case extensions that are read. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif");

    /** Most pixels a picture may declare: 8192x8192 (256 MB decoded as ARGB). */
    public static final long MAX_PIXELS = 8192L * 8192;
    /** A picture file is read only up to 64 MiB (the silk icons are under 1 KB each). */
    public static final UserFiles.Kind PICTURE = UserFiles.Kind.of("picture", 64L << 20);
    /** The ImageIO formats that are decoded. */
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    /** Validates the target size. */
    public ImageFolderReader {
        if (height <= 0 || width <= 0) {
            throw new UserError("target image size must be positive, got " + height + "x" + width);
        }
        Objects.requireNonNull(colorMode, "colorMode");
    }

    /**
     * Reads the folder, printing each warning line to standard error.
     *
     * @param folder root folder, searched recursively
     * @return the images and the load report
     */
    public FolderImages read(Path folder) {
        return read(folder, System.err::println);
    }

    /**
     * Reads the folder.
     *
     * @param folder   root folder, searched recursively, or one image file
     * @param warnings receives one line per skipped file (also kept in the result)
     * @return the images and the load report
     */
    public FolderImages read(Path folder, Consumer<String> warnings) {
        List<Path> files = imageFiles(folder);
        int length = height * width * colorMode.channels();
        byte[] pixels = new byte[ImageSet.checkBytes(folder.toString(), files.size(), height, width,
                colorMode.channels())];
        List<Path> loaded = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> fitted = new ArrayList<>();
        for (Path file : files) {
            Picture picture;
            try {
                picture = decode(file, height, width);
            } catch (UserError e) {
                if (files.size() == 1 && file.equals(folder)) {
                    throw e;
                }
                String line = "warning: skipped " + e.getMessage();
                skipped.add(file);
                lines.add(line);
                warnings.accept(line);
                continue;
            }
            BufferedImage image = picture.image();
            boolean gray = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            if (picture.width() != width || picture.height() != height || !gray && colorMode == ColorMode.GRAY) {
                fitted.add(file + " (" + picture.width() + "x" + picture.height() + " " + (gray ? "gray" : "colour")
                        + ")");
            }
            writeRaster(toTarget(image), pixels, loaded.size() * length);
            loaded.add(file);
        }
        if (loaded.isEmpty()) {
            throw new ImageDataException(folder + ": no readable PNG/JPEG/GIF image ("
                    + (files.isEmpty() ? "no image files found" : files.size() + " image files could not be decoded") + ")");
        }
        byte[] used = Arrays.copyOf(pixels, loaded.size() * length);
        return new FolderImages(new ImageSet(height, width, colorMode.channels(), used, null), loaded, skipped, lines,
                fitted);
    }

    /**
     * Decodes one picture file, every pixel: a regular file of at most {@link #PICTURE}'s cap,
     * decoded by {@link #decode(ImageInputStream, String)}.
     *
     * @throws ImageDataException naming the file if it is not a readable PNG/JPEG/GIF picture of at
     *     most {@link #MAX_PIXELS} pixels
     */
    public static BufferedImage decode(Path file) {
        return decode(file, 0, 0).image();
    }

    /** {@link #decode(Path)}, subsampled as {@link #decode(ImageInputStream, String, int, int)} says. */
    private static Picture decode(Path file, int atLeastHeight, int atLeastWidth) {
        DataFiles.check(file, PICTURE);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString(), atLeastHeight, atLeastWidth);
        } catch (IOException e) {
            throw unreadable(file.toString(), e);
        }
    }

    /**
     * Decodes a PNG, JPEG or GIF picture (its first image), every pixel, after checking the size
     * its header declares: more than {@link #MAX_PIXELS} pixels is refused before anything is
     * decoded (a few bytes of PNG header can claim 100000x100000 pixels, 40 GB decoded). Other
     * formats ImageIO knows (BMP, TIFF, …) are not read.
     *
     * @param source names the picture in messages
     * @throws ImageDataException naming {@code source} for anything that is not such a picture
     */
    public static BufferedImage decode(ImageInputStream in, String source) {
        return decode(in, source, 0, 0).image();
    }

    /**
     * {@link #decode(ImageInputStream, String)}, keeping of a picture more than twice
     * {@code atLeastWidth} wide only every k-th column, k = width / (2 · atLeastWidth), and so for
     * rows (0: every one): what is decoded is then at least twice the target's size, and its cost
     * follows the target, not the header (68 bytes of GIF declaring 49927x1029 pixels took 14 s and
     * 300 MB to flatten and resize before).
     */
    private static Picture decode(ImageInputStream in, String source, int atLeastHeight, int atLeastWidth) {
        Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
        ImageReader reader = null;
        while (readers != null && readers.hasNext() && reader == null) {
            ImageReader r = readers.next();
            reader = FORMATS.contains(formatOf(r)) ? r : null;
        }
        if (reader == null) {
            throw new ImageDataException(source + ": not a readable PNG/JPEG/GIF image (no decoder recognises its "
                    + "content)");
        }
        try {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if ((long) w * h > MAX_PIXELS) {
                throw new ImageDataException(String.format(Locale.ROOT, "%s: its header declares %dx%d pixels, more "
                        + "than the %,d a picture may have", source, w, h, MAX_PIXELS));
            }
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(every(w, atLeastWidth), every(h, atLeastHeight), 0, 0);
            return new Picture(reader.read(0, param), w, h);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageDataException d) {
                throw d;
            }
            throw unreadable(source, e);
        } finally {
            reader.dispose();
        }
    }

    /** The subsampling period of a side: every k-th pixel, so that at least twice {@code atLeast} are kept. */
    private static int every(int side, int atLeast) {
        return atLeast <= 0 ? 1 : Math.max(1, side / (2 * atLeast));
    }

    /** A decoded picture and the size its header declares. */
    private record Picture(BufferedImage image, int width, int height) {
    }

    private static String formatOf(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "";
        }
    }

    private static ImageDataException unreadable(String source, Exception e) {
        return new ImageDataException(source + ": not a readable PNG/JPEG/GIF image ("
                + String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " ") + ")", e);
    }

    /** Flattens onto white, then resizes to H x W if needed; the result is opaque RGB. */
    BufferedImage toTarget(BufferedImage source) {
        BufferedImage flat = flattenOnWhite(source);
        if (flat.getWidth() == width && flat.getHeight() == height) {
            return flat;
        }
        return Scalr.resize(flat, Scalr.Method.QUALITY, Scalr.Mode.FIT_EXACT, width, height);
    }

    /**
     * Composites an image (any type, with or without alpha) over opaque white.
     *
     * @param source decoded image
     * @return an opaque {@link BufferedImage#TYPE_INT_RGB} copy of the same size
     */
    static BufferedImage flattenOnWhite(BufferedImage source) {
        BufferedImage flat = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, flat.getWidth(), flat.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return flat;
    }

    /** Writes the H x W opaque image to {@code pixels[offset ..]} in raster order (row, column, channel). */
    private void writeRaster(BufferedImage image, byte[] pixels, int offset) {
        int channels = colorMode.channels();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int rgb = image.getRGB(c, r);
                int red = rgb >> 16 & 0xFF;
                int green = rgb >> 8 & 0xFF;
                int blue = rgb & 0xFF;
                int at = offset + (r * width + c) * channels;
                if (colorMode == ColorMode.GRAY) {
                    pixels[at] = (byte) ColorMode.luma(red, green, blue);
                } else {
                    pixels[at] = (byte) red;
                    pixels[at + 1] = (byte) green;
                    pixels[at + 2] = (byte) blue;
                }
            }
        }
    }

    /**
     * The files {@link #read} reads: every PNG/JPEG/GIF file under {@code folder} (by extension,
     * recursively, sorted), or {@code folder} itself if it is a file.
     *
     * @param folder a folder or one image file
     * @return the image files
     */
    public static List<Path> imageFiles(Path folder) {
        if (!Files.exists(folder)) {
            throw new ImageDataException(folder + ": folder not found");
        }
        if (!Files.isDirectory(folder)) {
            return List.of(folder);                        // one picture (decode refuses a FIFO or device by name)
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p)).filter(ImageFolderReader::hasImageExtension).sorted()
                    .toList();                                  // a FIFO or device is skipped with a warning
        } catch (IOException | UncheckedIOException e) {
            throw new ImageDataException(folder + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}

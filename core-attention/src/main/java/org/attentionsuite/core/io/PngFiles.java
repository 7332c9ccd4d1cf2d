package org.attentionsuite.core.io;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG files, written through {@link AtomicFiles}, with optional text chunks (e.g. the command and
 * checkpoint that made the image, which {@code exiftool} or an image viewer show): {@code tEXt}
 * for a Latin-1 text, {@code iTXt} (UTF-8) for any other, so a path in any script is kept whole.
 *
 * <p>The encoder writes through an in-memory cache and closes every stream itself: ImageIO's
 * default file cache and its shutdown-hook stream closer turn a full disk into a
 * {@code NullPointerException} trace instead of one error line.
 */
public final class PngFiles {
    private PngFiles() {
    }

    /** Writes {@code image} to {@code file} atomically; {@code text} becomes PNG text chunks (keyword → text). */
    public static void write(RenderedImage image, Path file, Map<String, String> text) {
        AtomicFiles.write(file, out -> encode(image, out, text));
    }

    /** Writes {@code image} to {@code file} atomically, without text chunks. */
    public static void write(RenderedImage image, Path file) {
        write(image, file, Map.of());
    }

    /** Encodes {@code image} as PNG onto {@code out} (which stays open). */
    public static void encode(RenderedImage image, OutputStream out, Map<String, String> text) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG encoder in this Java runtime");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = text.isEmpty() ? null : textMetadata(writer, image, param, text);
            writer.write(null, new IIOImage(image, null, metadata), param);
            ios.flush();
        } catch (javax.imageio.IIOException e) {
            // "I/O error writing PNG file!" says less than its cause ("No space left on device")
            throw e.getCause() instanceof IOException cause ? cause : e;
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadata textMetadata(ImageWriter writer, RenderedImage image, ImageWriteParam param,
            Map<String, String> text) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        String format = "javax_imageio_png_1.0";
        IIOMetadataNode latin1 = new IIOMetadataNode("tEXt");
        IIOMetadataNode unicode = new IIOMetadataNode("iTXt");
        for (Map.Entry<String, String> e : text.entrySet()) {
            if (isLatin1(e.getValue())) {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("value", e.getValue());
                latin1.appendChild(entry);
            } else {
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", e.getValue());
                unicode.appendChild(entry);
            }
        }
        IIOMetadataNode root = new IIOMetadataNode(format);
        for (IIOMetadataNode node : new IIOMetadataNode[] {latin1, unicode}) {
            if (node.hasChildNodes()) {
                root.appendChild(node);
            }
        }
        try {
            metadata.mergeTree(format, root);
        } catch (IIOInvalidTreeException e) {
            throw new IOException("cannot add PNG text (" + e.getMessage() + ")", e);
        }
        return metadata;
    }

    /** Whether a tEXt chunk (Latin-1) can hold {@code s}; other texts go into a UTF-8 iTXt chunk. */
    private static boolean isLatin1(String s) {
        return s.chars().allMatch(c -> c < 256);
    }

    /** The text chunks of a PNG file (for tests and {@code inspect}); empty if it has none. */
    public static Map<String, String> readText(Path file) throws IOException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException(file + ": not an image");
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                IIOMetadata m = reader.getImageMetadata(0);
                IIOMetadataNode root = (IIOMetadataNode) m.getAsTree("javax_imageio_png_1.0");
                Map<String, String> out = new java.util.LinkedHashMap<>();
                org.w3c.dom.NodeList entries = root.getElementsByTagName("tEXtEntry");
                for (int i = 0; i < entries.getLength(); i++) {
                    IIOMetadataNode n = (IIOMetadataNode) entries.item(i);
                    out.put(n.getAttribute("keyword"), n.getAttribute("value"));
                }
                org.w3c.dom.NodeList unicode = root.getElementsByTagName("iTXtEntry");
                for (int i = 0; i < unicode.getLength(); i++) {
                    IIOMetadataNode n = (IIOMetadataNode) unicode.item(i);
                    out.put(n.getAttribute("keyword"), n.getAttribute("text"));
                }
                return out;
            } finally {
                reader.dispose();
            }
        }
    }

    /** A copy of {@code image} decoded from {@code file}, for tests. */
    public static BufferedImage read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable image");
        }
        return img;
    }
}

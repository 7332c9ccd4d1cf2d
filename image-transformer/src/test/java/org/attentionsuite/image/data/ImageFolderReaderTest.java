package org.attentionsuite.image.data;

import static org.attentionsuite.core.testing.Allocations.allocatedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.attentionsuite.core.testing.HostileFiles;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.fuzz.ImageSeedCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {

    /** Debian's famfamfam-silk icons: 1000 16x16 RGBA PNGs. */
    private static final Path SILK = Path.of("/usr/share/icons/silk/16x16");

    @TempDir
    Path dir;

    private static void writeImage(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(image, format, file.toFile()), "no ImageIO writer for " + format);
    }

    private static int argb(int a, int r, int g, int b) {
        return a << 24 | r << 16 | g << 8 | b;
    }

    /** 2x2 RGBA: opaque red, transparent black / half-transparent blue, opaque (10, 20, 30). */
    private static BufferedImage rgba2x2() {
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, argb(255, 255, 0, 0));
        image.setRGB(1, 0, argb(0, 0, 0, 0));
        image.setRGB(0, 1, argb(128, 0, 0, 255));
        image.setRGB(1, 1, argb(255, 10, 20, 30));
        return image;
    }

    @Test
    void flattensTransparencyOntoWhiteInRasterOrder() throws IOException {
        writeImage(rgba2x2(), "png", dir.resolve("a.png"));
        FolderImages result = new ImageFolderReader(2, 2, ColorMode.RGB).read(dir);
        ImageSet set = result.images();
        assertEquals(1, result.loaded());
        assertEquals(0, result.skipped());
        int[] seq = set.sequence(0);
        // (0,0) opaque red, (0,1) transparent -> white
        assertEquals(List.of(255, 0, 0, 255, 255, 255), List.of(seq[0], seq[1], seq[2], seq[3], seq[4], seq[5]));
        // (1,0): blue at alpha 128/255 over white: R = G = 255 * 127/255 = 127, B = 255
        assertEquals(127, seq[6], 1);
        assertEquals(127, seq[7], 1);
        assertEquals(255, seq[8]);
        // (1,1) opaque
        assertEquals(List.of(10, 20, 30), List.of(seq[9], seq[10], seq[11]));
    }

    @Test
    void grayOutputIsBt601Luma() throws IOException {
        writeImage(rgba2x2(), "png", dir.resolve("a.png"));
        int[] seq = new ImageFolderReader(2, 2, ColorMode.GRAY).read(dir).images().sequence(0);
        // red: 0.299*255 = 76.2; white: 255; (10,20,30): 2.99 + 11.74 + 3.42 = 18.15
        assertEquals(76, seq[0]);
        assertEquals(255, seq[1]);
        assertEquals(18, seq[3]);
    }

    @Test
    void grayPngKeepsItsExactIntensities() throws IOException {
        BufferedImage gray = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 100, 200, 255};
        for (int x = 0; x < 4; x++) {
            gray.getRaster().setSample(x, 0, 0, values[x]);
        }
        writeImage(gray, "png", dir.resolve("gray.png"));
        ImageSet set = new ImageFolderReader(1, 4, ColorMode.GRAY).read(dir).images();
        assertEquals(List.of(0, 100, 200, 255), List.of(set.intensity(0, 0), set.intensity(0, 1),
                set.intensity(0, 2), set.intensity(0, 3)));
    }

    @Test
    void resizesToTheTargetSizeIgnoringAspectRatio() throws IOException {
        // 8x8: left half black, right half white -> 4 wide x 6 high
        BufferedImage halves = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                halves.setRGB(x, y, 0xFFFFFF);
            }
        }
        writeImage(halves, "png", dir.resolve("halves.png"));
        ImageSet set = new ImageFolderReader(6, 4, ColorMode.GRAY).read(dir).images();
        assertEquals(6, set.height());
        assertEquals(4, set.width());
        for (int r = 0; r < 6; r++) {
            assertTrue(set.intensity(0, r, 0, 0) < 40, "left edge dark in row " + r);
            assertTrue(set.intensity(0, r, 3, 0) > 215, "right edge bright in row " + r);
        }
    }

    @Test
    void readsPngJpegAndGifRecursivelyInPathOrderAndSkipsBrokenFiles() throws IOException {
        BufferedImage solid = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                solid.setRGB(x, y, 0x286496);    // (40, 100, 150)
            }
        }
        writeImage(solid, "png", dir.resolve("b/solid.png"));
        writeImage(solid, "jpg", dir.resolve("a/solid.JPG"));
        writeImage(solid, "gif", dir.resolve("c/deeper/solid.gif"));
        Files.writeString(dir.resolve("b/broken.png"), "this is not a PNG");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an image extension");
        List<String> warnings = new ArrayList<>();

        FolderImages result = new ImageFolderReader(5, 5, ColorMode.RGB).read(dir, warnings::add);

        assertEquals(3, result.loaded());
        assertEquals(1, result.skipped());
        assertEquals(List.of(dir.resolve("a/solid.JPG"), dir.resolve("b/solid.png"), dir.resolve("c/deeper/solid.gif")),
                result.loadedFiles());
        assertEquals(List.of(dir.resolve("b/broken.png")), result.skippedFiles());
        assertEquals(1, warnings.size());
        assertEquals(warnings, result.warnings());
        assertTrue(warnings.get(0).contains(dir.resolve("b/broken.png").toString()), warnings.get(0));
        assertTrue(!warnings.get(0).contains("\n"));
        // PNG is lossless: exact; GIF palette and JPEG are lossy: close
        assertEquals(List.of(40, 100, 150), List.of(result.images().intensity(1, 2, 2, 0),
                result.images().intensity(1, 2, 2, 1), result.images().intensity(1, 2, 2, 2)));
        for (int image : new int[] {0, 2}) {
            assertEquals(40, result.images().intensity(image, 2, 2, 0), 8);
            assertEquals(150, result.images().intensity(image, 2, 2, 2), 8);
        }
    }

    @Test
    void emptyFolderOrNoReadableImageIsAnErrorNamingTheFolder() throws IOException {
        ImageFolderReader reader = new ImageFolderReader(8, 8, ColorMode.GRAY);
        ImageDataException empty = assertThrows(ImageDataException.class, () -> reader.read(dir));
        assertEquals(dir + ": no readable PNG/JPEG/GIF image (no image files found)", empty.getMessage());

        Files.writeString(dir.resolve("x.png"), "junk");
        ImageDataException junk = assertThrows(ImageDataException.class, () -> reader.read(dir, line -> { }));
        assertEquals(dir + ": no readable PNG/JPEG/GIF image (1 image files could not be decoded)", junk.getMessage());

        Path missing = dir.resolve("missing");
        assertEquals(missing + ": folder not found",
                assertThrows(ImageDataException.class, () -> reader.read(missing)).getMessage());
    }

    @Test
    void aHeaderClaimingHugeSizesIsRefusedBeforeDecoding() throws IOException {
        // 20000x20000 gray would make ImageIO allocate 400 MB before it finds the data missing;
        // 100000x100000 is beyond what ImageIO can hold at all
        for (int side : new int[] {20_000, 100_000}) {
            Path huge = dir.resolve("huge.png");
            Files.write(huge, ImageSeedCorpus.pngClaiming(side, side));
            ImageDataException e = assertThrows(ImageDataException.class,
                    () -> new ImageFolderReader(28, 28, ColorMode.GRAY).read(huge));
            assertTrue(e.getMessage().contains("huge.png") && e.getMessage().contains("declares " + side + "x" + side),
                    e.getMessage());
        }
        // in a folder it is skipped with a warning, and the other pictures are read
        writeImage(rgba2x2(), "png", dir.resolve("ok.png"));
        List<String> warnings = new ArrayList<>();
        FolderImages read = new ImageFolderReader(2, 2, ColorMode.RGB).read(dir, warnings::add);
        assertEquals(1, read.loaded());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("100000x100000"), warnings.get(0));
    }

    /**
     * Found by {@code ./suite fuzz images}: 68 bytes of GIF whose frame declares 49927x1029 pixels
     * (under the cap) over almost no data were read whole, flattened and resized, 14 s and 300 MB
     * for one picture; decoded subsampled to twice the target, they cost what the target does.
     */
    @Test
    void aSmallPictureDeclaringManyPixelsCostsWhatItsTargetDoes() throws IOException {
        Path gif = Files.write(dir.resolve("wide.gif"), HexFormat.of().parseHex("47494638396107000500f10000000000"
                + "ff000000ff000000ff21f90401000003002c0000000007c30504410815000104103040a0008305072234487061c381"
                + "050302003b"));
        FolderImages[] read = new FolderImages[1];
        long allocated = allocatedBy(() -> read[0] = new ImageFolderReader(16, 16, ColorMode.RGB).read(gif));
        assertTrue(allocated < 32L << 20, "allocated " + (allocated >> 20) + " MiB for 68 bytes");
        assertEquals(1, read[0].loaded());
        assertEquals(List.of(gif + " (49927x1029 colour)"), read[0].fitted(), "the declared size is reported");
    }

    @Test
    void anOversizedOrSpecialFileInAFolderIsSkippedWithOneWarning() throws Exception {
        writeImage(rgba2x2(), "png", dir.resolve("ok.png"));
        Path big = HostileFiles.sparse(dir.resolve("big.png"), 3L << 30);
        Path pipe = HostileFiles.fifo(dir.resolve("pipe.png"));
        List<String> warnings = new ArrayList<>();
        FolderImages read = new ImageFolderReader(2, 2, ColorMode.RGB).read(dir, warnings::add);
        assertEquals(List.of(dir.resolve("ok.png")), read.loadedFiles());
        assertEquals(List.of("warning: skipped " + big + ": holds 3.0 GiB, more than the 64 MiB a picture may hold",
                "warning: skipped " + pipe + ": is a FIFO (named pipe), not a regular file; give a picture"), warnings);
    }

    @Test
    void rejectsInvalidTargetSize() {
        assertThrows(IllegalArgumentException.class, () -> new ImageFolderReader(0, 8, ColorMode.RGB));
    }

    @Test
    void readsTheFamfamfamSilkIcons() throws IOException {
        assumeTrue(Files.isDirectory(SILK), "Debian package famfamfam-silk not installed");
        long pngs;
        try (Stream<Path> files = Files.list(SILK)) {
            pngs = files.filter(f -> f.toString().endsWith(".png")).count();
        }
        FolderImages result = new ImageFolderReader(16, 16, ColorMode.RGB).read(SILK);
        assertEquals(pngs, result.loaded() + result.skipped());
        assertTrue(result.loaded() >= 990, "loaded " + result.loaded() + " of " + pngs);
        ImageSet set = result.images();
        assertEquals(16, set.height());
        assertEquals(3, set.channels());

        // Compare an opaque and a transparent pixel of accept.png with ImageIO's own decoding.
        int index = result.loadedFiles().indexOf(SILK.resolve("accept.png"));
        assertTrue(index >= 0);
        BufferedImage accept = ImageIO.read(SILK.resolve("accept.png").toFile());
        int center = accept.getRGB(8, 8);
        assertEquals(0xFF, center >>> 24, "accept.png center should be opaque");
        assertEquals(center >> 16 & 0xFF, set.intensity(index, 8, 8, 0));
        assertEquals(center >> 8 & 0xFF, set.intensity(index, 8, 8, 1));
        assertEquals(center & 0xFF, set.intensity(index, 8, 8, 2));
        assertEquals(0, accept.getRGB(0, 0) >>> 24, "accept.png corner should be transparent");
        assertEquals(255, set.intensity(index, 0, 0, 0));
        assertEquals(255, set.intensity(index, 0, 0, 2));
    }
}

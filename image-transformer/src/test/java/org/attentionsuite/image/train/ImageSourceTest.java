package org.attentionsuite.image.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.data.Cifar10Reader;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.io.IdxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guessing the format of {@code --data} from the files' content, not from their names alone. */
class ImageSourceTest {
    @TempDir
    Path dir;

    /** A 4x4 RGB PNG whose pixel (r, c) is (16r + c, 100 + seed, 200 - 4c). */
    private Path png(Path file, int seed) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                image.setRGB(c, r, (16 * r + c) << 16 | (100 + seed) << 8 | (200 - 4 * c));
            }
        }
        PngFiles.write(image, file, Map.of());
        return file;
    }

    /** {@code records} CIFAR-10 records: label {@code n % 10}, every plane byte {@code n}. */
    private static byte[] cifar(int records) {
        byte[] bytes = new byte[records * Cifar10Reader.RECORD_BYTES];
        for (int n = 0; n < records; n++) {
            int at = n * Cifar10Reader.RECORD_BYTES;
            bytes[at] = (byte) (n % 10);
            java.util.Arrays.fill(bytes, at + 1, at + Cifar10Reader.RECORD_BYTES, (byte) n);
        }
        return bytes;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private static String oneLine(ImageDataException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    /** Regression: a PNG given as --data used to be read as an IDX file ("wrong IDX magic 0x89504e47"). */
    @Test
    void aSingleImageFileIsAOneImageSet() {
        Path icon = png(dir.resolve("icon.png"), 0);
        ImageSource source = ImageSource.of(icon.toString(), null);
        assertInstanceOf(ImageSource.Folder.class, source);
        ImageSet set = source.load(4, 4, 3);
        assertEquals(1, set.count());
        assertArrayEquals(new int[] {0, 100, 200, 1, 100, 196}, java.util.Arrays.copyOf(set.sequence(0), 6));
        assertEquals(16 * 3 + 3, set.intensity(0, 3, 3, 0));
        // the content decides, not the name
        Path disguised = png(dir.resolve("picture.bin"), 1);
        assertInstanceOf(ImageSource.Folder.class, ImageSource.of(disguised.toString(), null));
        assertEquals(101, ImageSource.of(disguised.toString(), null).load(4, 4, 3).intensity(0, 0, 0, 1));
    }

    /** Regression: one stray .bin file made a folder of pictures a CIFAR-10 folder. */
    @Test
    void aFolderOfImagesWithAStrayBinFileIsAFolderOfImages() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("icons"));
        png(folder.resolve("a.png"), 0);
        png(folder.resolve("b.png"), 1);
        Files.write(folder.resolve("thumbs.bin"), new byte[] {1, 2, 3, 4, 5});
        ImageSource source = ImageSource.of(folder.toString(), null);
        assertInstanceOf(ImageSource.Folder.class, source);
        assertEquals(2, source.load(4, 4, 3).count());
    }

    @Test
    void idxAndCifarAreRecognisedByTheirContentWhateverTheirNames() throws IOException {
        ImageSet two = ImageSet.fromSequences(2, 2, 1, List.of(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}));
        Path idx = dir.resolve("digits.dat");
        IdxWriter.writeImages(two, idx);
        assertEquals(new ImageSource.Idx(idx), ImageSource.of(idx.toString(), null));
        Path idxGz = Files.write(dir.resolve("digits.gz"), gzip(Files.readAllBytes(idx)));
        assertEquals(new ImageSource.Idx(idxGz), ImageSource.of(idxGz.toString(), null));
        assertEquals(two, ImageSource.of(idxGz.toString(), null).load(2, 2, 1));

        Path batch = Files.write(dir.resolve("batch.dat"), cifar(3));
        assertEquals(new ImageSource.Cifar(batch), ImageSource.of(batch.toString(), null));
        Path batchGz = Files.write(dir.resolve("batch.gz"), gzip(cifar(2)));
        assertEquals(new ImageSource.Cifar(batchGz), ImageSource.of(batchGz.toString(), null));

        Path cifarFolder = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        Files.write(cifarFolder.resolve("data_batch_1.bin"), cifar(2));
        Files.writeString(cifarFolder.resolve("batches.meta.txt"), "airplane\nautomobile\n");
        assertEquals(new ImageSource.Cifar(cifarFolder), ImageSource.of(cifarFolder.toString(), null));

        Path idxFolder = Files.createDirectory(dir.resolve("fashion"));
        IdxWriter.writeImages(two, idxFolder.resolve("train-images-idx3-ubyte"));
        png(idxFolder.resolve("preview.png"), 0);
        assertEquals(new ImageSource.Idx(idxFolder), ImageSource.of(idxFolder.toString(), null));
    }

    /** Regression: a folder of only t10k files was read as its test set, for training and for the judging classifier. */
    @Test
    void anIdxFolderWithoutATrainImagesFileIsRefusedNotReadAsAnotherImagesFile() throws IOException {
        ImageSet two = ImageSet.fromSequences(2, 2, 1, List.of(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}));
        Path testOnly = Files.createDirectory(dir.resolve("fashion-test-only"));
        IdxWriter.writeImages(two, testOnly.resolve("t10k-images-idx3-ubyte"));
        ImageSource source = ImageSource.of(testOnly.toString(), null);
        assertEquals(new ImageSource.Idx(testOnly), source);
        assertEquals(testOnly + ": no train-*images-idx3-ubyte[.gz] file (it holds t10k-images-idx3-ubyte); give the "
                + "file's path to read that one", oneLine(assertThrows(ImageDataException.class,
                        () -> source.load(2, 2, 1))));
        Path file = testOnly.resolve("t10k-images-idx3-ubyte");
        assertEquals(two, ImageSource.of(file.toString(), null).load(2, 2, 1), "given by its path, it is read");
    }

    @Test
    void filesOfNoKnownFormatAreRefusedWithOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, images");
        assertEquals(text + ": not an IDX, CIFAR-10 or PNG/JPEG/GIF file (its first bytes are 68 65 6c 6c); "
                        + "give --format idx, cifar or folder to read it anyway",
                oneLine(assertThrows(ImageDataException.class, () -> ImageSource.of(text.toString(), null))));
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertEquals(empty + ": empty file",
                oneLine(assertThrows(ImageDataException.class, () -> ImageSource.of(empty.toString(), null))));
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(new int[] {1, 2}, labels);
        assertEquals(labels + ": an IDX label file; give the images file (*images-idx3-ubyte) or its folder",
                oneLine(assertThrows(ImageDataException.class, () -> ImageSource.of(labels.toString(), null))));
    }

    @Test
    void aFolderHoldingBothImagesAndCifarBatchesIsAmbiguous() throws IOException {
        Path mixed = Files.createDirectory(dir.resolve("mixed"));
        png(mixed.resolve("a.png"), 0);
        Files.write(mixed.resolve("data_batch_1.bin"), cifar(1));
        assertEquals(mixed + ": holds both images (1) and CIFAR-10 batches (1); give --format folder or --format cifar",
                oneLine(assertThrows(ImageDataException.class, () -> ImageSource.of(mixed.toString(), null))));
        assertInstanceOf(ImageSource.Cifar.class, ImageSource.of(mixed.toString(), "cifar"));
    }

    /** Debian's packaged data, when installed (skipped otherwise). */
    @Test
    void installedDebianDataIsRecognised() {
        Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
        Path silk = Path.of("/usr/share/icons/silk/16x16");
        assumeTrue(Files.isDirectory(fashion) || Files.isDirectory(silk), "dataset-fashion-mnist, famfamfam-silk");
        if (Files.isReadable(fashion.resolve("t10k-images-idx3-ubyte.gz"))) {
            assertEquals(new ImageSource.Idx(fashion), ImageSource.of(fashion.toString(), null));
            Path test = fashion.resolve("t10k-images-idx3-ubyte.gz");
            assertEquals(new ImageSource.Idx(test), ImageSource.of(test.toString(), null));
            Path labels = fashion.resolve("t10k-labels-idx1-ubyte.gz");
            assertThrows(ImageDataException.class, () -> ImageSource.of(labels.toString(), null));
        }
        if (Files.isReadable(silk.resolve("add.png"))) {
            assertEquals(new ImageSource.Folder(silk), ImageSource.of(silk.toString(), null));
            ImageSet one = ImageSource.of(silk.resolve("add.png").toString(), null).load(16, 16, 3);
            assertEquals(1, one.count());
            assertEquals(255, one.intensity(0, 0, 0, 0), "transparent corner becomes white");
        }
    }

    /** Class names follow the data, and survive the trip through a checkpoint's provenance command. */
    @Test
    void classNamesComeFromTheData() {
        Map<ImageSource, ClassNames> expected = Map.of(
                new ImageSource.Bundled(), ClassNames.FASHION_MNIST,
                new ImageSource.Idx(Path.of("/usr/share/datasets/fashion-mnist")), ClassNames.FASHION_MNIST,
                new ImageSource.Idx(Path.of("/data/Fashion_MNIST/t10k-images-idx3-ubyte.gz")), ClassNames.FASHION_MNIST,
                new ImageSource.Idx(Path.of("/data/mnist")), ClassNames.UNKNOWN,
                new ImageSource.Cifar(Path.of("/data/cifar-10-batches-bin")), ClassNames.CIFAR10,
                new ImageSource.Folder(Path.of("/usr/share/icons/silk/16x16")), ClassNames.UNKNOWN);
        expected.forEach((source, names) -> assertEquals(names, source.classNames(), source.label()));
    }
}

package org.attentionsuite.image.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.ImageOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes end in one line that says what is wrong, never in a stack of causes. */
class BadInputsTest {
    @TempDir
    Path dir;

    private static String oneLine(Class<? extends RuntimeException> type, Executable e) {
        String m = assertThrows(type, e).getMessage();
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        return m;
    }

    @Test
    void imageSizeNotDivisibleByTheQueryBlock() {
        assertEquals("image height 14 is not divisible by query block height 4", oneLine(IllegalArgumentException.class,
                () -> ImageOrder.blockRaster(14, 14, 1, 4, 4)));
        assertEquals("image width 14 is not divisible by query block width 4", oneLine(IllegalArgumentException.class,
                () -> ImageOrder.blockRaster(16, 14, 1, 4, 4)));
        assertEquals("local2d attention is set up for 28x28x1 images, not 14x14x1", oneLine(
                IllegalArgumentException.class, () -> ImageOrder.forAttention(
                        new LocalAttention2d.Spec(28, 28, 1, 7, 7, 7, 7), 14, 14, 1)));
        assertEquals("image height 29: local2d splits it into query blocks of 4 to 8 pixels, and 29 has no such "
                + "divisor (blocks of 1 would be many times slower); use a size like 28 or 30", oneLine(
                IllegalArgumentException.class, () -> ImageTrainingOptions.of(new ImageSource.Bundled(), 29, 1, dir)));
    }

    @Test
    void emptyOrMissingFolder() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not an image");
        assertEquals(empty + ": no readable PNG/JPEG/GIF image (no image files found)",
                oneLine(ImageDataException.class, () -> new ImageSource.Folder(empty).load(8, 8, 1)));
        assertEquals(empty + ": no readable PNG/JPEG/GIF image (no image files found)", oneLine(
                ImageDataException.class, () -> ImageTraining.train(ImageTrainingOptions.of(
                        ImageSource.of(empty.toString(), null), 8, 1, dir).withAttention(ImageAttention.FULL),
                        System.err, List.of())));
        Path missing = dir.resolve("nowhere");
        assertEquals(missing + ": no such file or folder (give a path or 'bundled')",
                oneLine(ImageDataException.class, () -> ImageSource.of(missing.toString(), null)));
        assertEquals("unknown --format 'png' (known: idx, cifar, folder)",
                oneLine(IllegalArgumentException.class, () -> ImageSource.of(empty.toString(), "png")));
    }

    @Test
    void idxFolderWithoutImagesAndBadOptions() throws IOException {
        Path idx = Files.createDirectory(dir.resolve("idx"));
        assertEquals(idx + ": no IDX image file (*images-idx3-ubyte or *images-idx3-ubyte.gz)",
                oneLine(ImageDataException.class, () -> new ImageSource.Idx(idx).load(28, 28, 1)));
        assertEquals("--channels must be 1 (gray) or 3 (RGB), got 2", oneLine(IllegalArgumentException.class,
                () -> ImageTrainingOptions.of(new ImageSource.Bundled(), 8, 2, dir)));
        assertEquals("--steps (0) must be positive", oneLine(IllegalArgumentException.class,
                () -> new TrainingOptions(0, 8, 1e-3, 0, 0, 0, 1)));
    }
}

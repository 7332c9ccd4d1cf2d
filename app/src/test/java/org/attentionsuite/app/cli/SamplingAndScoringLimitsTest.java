package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.attentionsuite.app.cli.TrainCommandsTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sampling and scoring refuse, each with one {@code error:} line before any work: sizes whose
 * memory does not fit (they grew past 10 GB or died with a buffer-size trace), images the model
 * cannot have been made for (they were resized and converted silently), "held out" data that is
 * not the training data, file names that hide the files; and the JSON line has no NaN.
 */
class SamplingAndScoringLimitsTest {
    @TempDir
    Path dir;

    /** Asserts exit code 2 and one {@code error:} line starting with {@code start}. */
    static void refused(Run r, String start) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().startsWith("error: " + start), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void tokensWhoseCacheDoesNotFitAreRefusedBeforeSampling() {
        Path out = dir.resolve("out");
        refused(TrainCommandsTest.run("music", "generate", "--model", "game-midi", "--tokens", "2500000", "--out",
                out.toString()), "--tokens 2500000: sampling needs about ");
        Run huge = TrainCommandsTest.run("music", "generate", "--model", "game-midi", "--tokens", "20000000", "--out",
                out.toString());
        refused(huge, "--tokens 20000000: one buffer would hold 3,840,000,000 values, more than the engine's limit");
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void evaluationSamplesWhoseMemoryDoesNotFitAreRefusedBeforeScoring() {
        refused(TrainCommandsTest.run("evaluate", "--model", "jsb-chorales", "--chorales", "bundled", "--samples", "1",
                "--tokens", "100000000"), "--samples 1, --tokens 100000000: ");
        refused(TrainCommandsTest.run("evaluate", "--model", "fashion-mnist", "--data", "bundled", "--samples",
                "2000000000"), "--samples 2000000000: sampling needs about ");
    }

    @Test
    void completionsWhoseMemoryDoesNotFitAreRefusedBeforeTheDataIsRead() {
        refused(TrainCommandsTest.run("image", "complete", "--model", "fashion-mnist", "--count", "100000",
                "--per-image", "16", "--data", "/nonexistent", "--out", dir.resolve("c").toString()),
                "--count 100000, --per-image 16: ");
    }

    @Test
    void theJsonLineWritesAnAbsentNumberAsNullNotNaN() {
        Run r = TrainCommandsTest.run("evaluate", "--model", "fashion-mnist", "--data", "bundled", "--limit", "8");
        assertEquals(0, r.code(), r.err());
        String json = r.out().lines().findFirst().orElseThrow();
        assertTrue(json.contains("\"second\":null") && json.contains("\"secondUnit\":null"), json);
        assertFalse(json.contains("NaN"), json);
    }

    @Test
    void imagesOfAnotherSizeOrColourAreRefusedUnlessFitted() {
        refused(TrainCommandsTest.run("evaluate", "--model", "silk-icons", "--data", "bundled", "--limit", "8"),
                "bundled: its images are 28x28 gray, not 16x16 RGB; give images of the model's size and colour, or "
                        + "--fit to resize and convert them as training does");
        Run fitted = TrainCommandsTest.run("evaluate", "--model", "silk-icons", "--data", "bundled", "--limit", "8",
                "--fit");
        assertEquals(0, fitted.code(), fitted.err());
        assertTrue(fitted.out().contains("bundled, fitted to"), fitted.out());
    }

    @Test
    void colourPicturesForAGrayModelAreRefused() throws IOException {
        Path icons = icons(dir.resolve("icons"), 3, 7);
        refused(TrainCommandsTest.run("evaluate", "--model", "fashion-mnist", "--data", icons.toString()),
                "folder:" + icons + ": 3 of 3 pictures are not 28x28 gray (first: " + icons.resolve("icon-00.png")
                        + " (16x16 colour)); give images");
    }

    @Test
    void aPartOfTheSplitIsRefusedOnDataTheModelDidNotTrainOn() throws IOException {
        Path icons = icons(dir.resolve("icons"), 40, 11);
        for (String part : new String[] {"valid", "train"}) {
            refused(TrainCommandsTest.run("evaluate", "--model", "silk-icons", "--data", icons.toString(), "--split",
                    part), "--split: folder:" + icons + " is not the data the checkpoint was trained on");
        }
    }

    @Test
    void aNameThatWouldHideTheFilesIsRefused() {
        Path out = dir.resolve("music");
        refused(TrainCommandsTest.run("music", "generate", "--model", "jsb-chorales", "--name", ".", "--out",
                out.toString()), "--name '.' must be a plain file name, not starting with a dot");
        assertFalse(Files.exists(out.resolve("..mid")));
    }

    @Test
    void messagesNameTheTokensOptionNotItsOldName() {
        refused(TrainCommandsTest.run("music", "generate", "--model", "jsb-chorales", "--tokens", "1", "--out",
                dir.resolve("music").toString()), "--tokens (1) must be at least 2");
    }

    /** {@code n} 16x16 RGB PNGs of random colours. */
    private static Path icons(Path folder, int n, long seed) throws IOException {
        Files.createDirectories(folder);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", folder.resolve(String.format("icon-%02d.png", i)).toFile());
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(n, files.count());
        }
        return folder;
    }
}

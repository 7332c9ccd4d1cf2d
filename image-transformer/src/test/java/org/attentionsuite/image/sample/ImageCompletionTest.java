package org.attentionsuite.image.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageCompletionTest {
    @TempDir
    Path dir;

    private static ImageSet realImages(int count, int size) {
        return ImageSets.fit(BundledImages.fashionMnist2k().subset(100, 100 + count), size, size, 1);
    }

    /**
     * The top half is kept exactly (in block order: whole block rows, 8 of 12 rows for 4-row
     * blocks), and at least one of the rest was sampled differently from the original.
     */
    @ParameterizedTest
    @CsvSource({"full, 6", "local2d, 8"})
    void completionKeepsTheGivenTopHalfExactly(String attention, int expectedRows) throws IOException {
        AttentionSpec spec = attention.equals("full") ? new FullCausalAttention.Spec()
                : new LocalAttention2d.Spec(12, 12, 1, 4, 4, 2, 2);
        Path ckpt = SampleFixtures.checkpoint(dir, 12, 1, spec, false, 7);
        ImageSet originals = realImages(3, 12);
        ImageCompletions c = ImageCompletion.complete(ckpt, originals,
                CompletionOptions.of(4, dir.resolve(attention)).withPerImage(2));
        assertEquals(expectedRows, c.keptRows());
        assertEquals(expectedRows * 12, c.primerLength());
        assertEquals(6, c.completions().count());
        int changed = 0;
        for (int v = 0; v < 2; v++) {
            for (int n = 0; n < 3; n++) {
                for (int r = 0; r < 12; r++) {
                    for (int col = 0; col < 12; col++) {
                        int original = originals.intensity(n, r, col, 0);
                        int completed = c.completions().intensity(v * 3 + n, r, col, 0);
                        if (r < expectedRows) {
                            assertEquals(original, completed, "image " + n + " row " + r + " column " + col);
                        } else if (original != completed) {
                            changed++;
                        }
                    }
                }
            }
        }
        assertTrue(changed > 0);
        BufferedImage grid = ImageIO.read(c.grid().toFile());
        int tile = 12 * 10;                                         // scale 10 makes 120 >= 112
        assertEquals(3 * tile + 2 * 2, grid.getWidth());            // the originals' row, then two rows below
        assertEquals(3 * tile + 2 * 2, grid.getHeight());
        assertEquals(originals.intensity(2, 11, 11, 0), grid.getRaster().getSample(2 * (tile + 2) + tile - 1, tile - 1, 0));
        assertEquals(c.completions().intensity(4, 11, 0, 0), grid.getRaster().getSample(tile + 2, 3 * tile + 2 * 2 - 1, 0));
    }

    @Test
    void blockRowsCoveringTheWholeImageAreRefusedWithOneLine() {
        // 8-row image, 8-row query blocks: "the top half" rounds up to the whole image.
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, new LocalAttention2d.Spec(8, 8, 1, 8, 4, 0, 2), false, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageCompletion.complete(ckpt, realImages(2, 8), CompletionOptions.of(1, dir.resolve("x"))));
        assertTrue(e.getMessage().startsWith("nothing to complete"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void samplingIsDeterministicAndConditionalModelsNeedLabels() {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, new FullCausalAttention.Spec(), true, 8);
        ImageSet labelled = realImages(2, 8);
        CompletionOptions o = CompletionOptions.of(3, dir)
                .withSampling(new SamplingConfig(1.0, 20, 1.0, 3));
        assertEquals(ImageCompletion.complete(ckpt, labelled, o).completions(),
                ImageCompletion.complete(ckpt, labelled, o).completions());
        ImageSet unlabelled = new ImageSet(8, 8, 1, labelled.pixels(), null);
        assertEquals("this model is class-conditional: completion needs labelled images, or --class for all of them",
                assertThrows(IllegalArgumentException.class, () -> ImageCompletion.complete(ckpt, unlabelled, o))
                        .getMessage());
        // a class for all of them completes unlabelled pictures, and is the labels' class when they agree
        CompletionOptions asClass5 = o.withClass(OptionalInt.of(5));
        ImageSet labelledAs5 = new ImageSet(8, 8, 1, labelled.pixels(), new int[] {5, 5});
        assertEquals(ImageCompletion.complete(ckpt, labelledAs5, o).completions(),
                ImageCompletion.complete(ckpt, unlabelled, asClass5).completions());
        assertThrows(IllegalArgumentException.class,
                () -> ImageCompletion.complete(ckpt, unlabelled, o
                        .withClass(OptionalInt.of(10))));
    }

    @Test
    void rowsSayHowMuchOfEachImageIsGiven() {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, new FullCausalAttention.Spec(), false, 8);
        ImageSet originals = realImages(1, 8);
        for (int rows : new int[] {0, 3, 7}) {
            ImageCompletions c = ImageCompletion.complete(ckpt, originals,
                    CompletionOptions.of(2, dir.resolve("rows" + rows))
                            .withRows(OptionalInt.of(rows)));
            assertEquals(rows, c.keptRows());
            assertEquals(rows * 8, c.primerLength());
            for (int i = 0; i < rows * 8; i++) {
                assertEquals(originals.intensity(0, i), c.completions().intensity(0, i), "intensity " + i);
            }
        }
        for (int rows : new int[] {-1, 8}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageCompletion.complete(
                    ckpt, originals, CompletionOptions.of(2, dir).withRows(OptionalInt.of(rows))));
            assertTrue(e.getMessage().contains("must be in 0..7"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ImageCompletion.complete(ckpt, originals,
                CompletionOptions.of(2, dir)
                        .withClass(OptionalInt.of(1))), "an unconditional model takes no class");
    }

    @Test
    void theGridSaysWhatMadeIt() throws IOException {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, new FullCausalAttention.Spec(), false, 9);
        CompletionOptions o = CompletionOptions.of(4, dir.resolve("text"))
                .withCommand("./suite image complete --seed 4");
        ImageCompletions c = ImageCompletion.complete(ckpt, realImages(2, 8), o);
        assertEquals(Map.of("Software", "attention-suite", "Command", "./suite image complete --seed 4", "Checkpoint",
                ckpt.toAbsolutePath().normalize().toString(), "Seed", "4"), PngFiles.readText(c.grid()));
        ImageCompletions library = ImageCompletion.complete(TrainedImageModel.load(ckpt), realImages(1, 8),
                CompletionOptions.of(4, dir.resolve("library")));
        assertEquals(CompletionOptions.LIBRARY_CALL, PngFiles.readText(library.grid()).get("Command"));
    }
}

package org.attentionsuite.image.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSamplerTest {
    private static final LocalAttention2d.Spec LOCAL = new LocalAttention2d.Spec(8, 8, 1, 4, 4, 2, 2);

    @TempDir
    Path dir;

    @Test
    void samplingFromACheckpointIsDeterministicPerSeed() {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, LOCAL, false, 1);
        ImageSamples a = ImageSampler.sample(ckpt, ImageSamplingOptions.of(4, 5, dir.resolve("a")));
        ImageSamples b = ImageSampler.sample(ckpt, ImageSamplingOptions.of(4, 5, dir.resolve("b")));
        ImageSamples c = ImageSampler.sample(ckpt, ImageSamplingOptions.of(4, 6, dir.resolve("c")));
        assertEquals(a.images(), b.images());
        assertNotEquals(a.images(), c.images());
        assertEquals(4, a.images().count());
        assertEquals(dir.resolve("a").resolve("sample-003.png"), a.files().get(3));
    }

    /**
     * Reference: the core generator fed START, its output after START put back in raster order by
     * {@link BlockRasterOrder} directly.
     */
    @Test
    void samplesAreTheGeneratorOutputInRasterOrder() {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, LOCAL, false, 2);
        SamplingConfig sampling = new SamplingConfig(0.9, 50, 0.95, 11);
        ImageSamples s = ImageSampler.sample(ckpt, ImageSamplingOptions.of(3, 0, dir)
                .withSampling(sampling));
        DecoderModel model = Checkpoint.load(ckpt, Precision.FLOAT32).model();
        int[][] primers = {{256}, {256}, {256}};
        int[][] generated = new Generator(model).generate(primers, 65, sampling, null,
                (pos, logits) -> logits[256] = Double.NEGATIVE_INFINITY, null);
        BlockRasterOrder order = new BlockRasterOrder(8, 8, 1, 4, 4);
        for (int n = 0; n < 3; n++) {
            assertArrayEquals(order.toRasterOrder(Arrays.copyOfRange(generated[n], 1, 65)), s.images().sequence(n));
        }
    }

    @Test
    void writesReadablePngsOfTheRightSize() throws IOException {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, LOCAL, false, 3);
        ImageSamples s = ImageSampler.sample(ckpt, ImageSamplingOptions.of(4, 1, dir.resolve("png")));
        int scale = 14;                                           // 8 px * 14 >= 112
        for (int n = 0; n < 4; n++) {
            BufferedImage img = ImageIO.read(s.files().get(n).toFile());
            assertEquals(8 * scale, img.getWidth());
            assertEquals(8 * scale, img.getHeight());
            for (int y = 0; y < img.getHeight(); y += 5) {
                for (int x = 0; x < img.getWidth(); x += 3) {
                    assertEquals(s.images().intensity(n, y / scale, x / scale, 0), img.getRaster().getSample(x, y, 0));
                }
            }
        }
        BufferedImage grid = ImageIO.read(s.grid().toFile());
        assertEquals(2 * 8 * scale + 2, grid.getWidth());         // 2 x 2 tiles, 2-pixel separator
        assertEquals(2 * 8 * scale + 2, grid.getHeight());
        assertEquals(s.images().intensity(3, 0, 0, 0), grid.getRaster().getSample(8 * scale + 2, 8 * scale + 2, 0));
    }

    @Test
    void conditionalModelsTakeAClassAndColourImagesComeOut() throws IOException {
        Path ckpt = SampleFixtures.checkpoint(dir, 4, 3, new FullCausalAttention.Spec(), true, 4);
        ImageSamples fixed = ImageSampler.sample(ckpt, ImageSamplingOptions.of(3, 2, dir.resolve("k"))
                .withClass(OptionalInt.of(7)));
        assertArrayEquals(new int[] {7, 7, 7}, fixed.images().labels());
        assertEquals(3, fixed.images().channels());
        assertEquals(4 * 28, ImageIO.read(fixed.files().get(0).toFile()).getWidth());
        ImageSamples every = ImageSampler.sample(ckpt, ImageSamplingOptions.of(12, 2, dir.resolve("all")));
        assertEquals(0, every.images().label(10));
        assertEquals(9, every.images().label(9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSampler.sample(ckpt, ImageSamplingOptions.of(1, 2, dir)
                        .withClass(OptionalInt.of(10))));
        assertEquals("--class (10) must be in 0..9", e.getMessage());
        Path plain = SampleFixtures.checkpoint(dir, 4, 1, new FullCausalAttention.Spec(), false, 5);
        assertEquals("this model is not class-conditional; drop --class", assertThrows(IllegalArgumentException.class,
                () -> ImageSampler.sample(plain, ImageSamplingOptions.of(1, 2, dir)
                        .withClass(OptionalInt.of(1)))).getMessage());
    }

    /**
     * A conditional grid of every class is one row per class: 20 samples of a 10-class model are
     * 10 rows of 2 (image {@code n} has class {@code n mod 10}, so row c holds images c and c + 10),
     * with the class name drawn left of each row.
     */
    @Test
    void everyClassGridIsOneLabelledRowPerClass() throws IOException {
        Path ckpt = SampleFixtures.checkpoint(dir, 4, 3, new FullCausalAttention.Spec(), true, 9);
        ImageSamples s = ImageSampler.sample(ckpt, ImageSamplingOptions.of(20, 3, dir.resolve("rows")));
        BufferedImage grid = ImageIO.read(s.grid().toFile());
        int tile = 4 * 28;                                        // 4 px * 28 >= 112
        int step = tile + 2;                                      // tile and separator
        assertEquals(10 * step - 2, grid.getHeight());
        int tilesWidth = 2 * step - 2;
        int labels = grid.getWidth() - tilesWidth - 2;            // label column, then a separator
        assertTrue(labels > 20, "label column of " + labels + " px");
        for (int c = 0; c < 10; c++) {
            for (int j = 0; j < 2; j++) {
                int n = j * 10 + c;
                assertEquals(c, s.images().label(n));
                int x0 = labels + 2 + j * step;
                int y0 = c * step;
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(s.images().intensity(n, 0, 0, ch), grid.getRaster().getSample(x0, y0, ch));
                    assertEquals(s.images().intensity(n, 3, 3, ch),
                            grid.getRaster().getSample(x0 + tile - 1, y0 + tile - 1, ch));
                }
            }
            assertTrue(hasInk(grid, 0, c * step, labels, tile), "no class name left of row " + c);
        }
    }

    /** Every PNG says what made it: command, checkpoint (or that there was none) and seed, in that order. */
    @Test
    void everyPngSaysWhatMadeIt() throws IOException {
        Path ckpt = SampleFixtures.checkpoint(dir, 4, 1, new FullCausalAttention.Spec(), false, 11);
        ImageSamples s = ImageSampler.sample(ckpt, ImageSamplingOptions.of(2, 5, dir.resolve("text"))
                .withCommand("./suite image sample --count 2 --seed 5"));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Software", "attention-suite");
        expected.put("Command", "./suite image sample --count 2 --seed 5");
        expected.put("Checkpoint", ckpt.toAbsolutePath().normalize().toString());
        expected.put("Seed", "5");
        for (Path png : List.of(s.grid(), s.files().get(0), s.files().get(1))) {
            Map<String, String> text = PngFiles.readText(png);
            assertEquals(expected, text, png.toString());
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(text.keySet()));
        }
        DecoderModel inMemory = Checkpoint.load(ckpt, Precision.FLOAT32).model();
        ImageSamples t = ImageSampler.sample(TrainedImageModel.of(inMemory), ImageSamplingOptions.of(1, 5,
                dir.resolve("memory")));
        assertEquals(TrainedImageModel.IN_MEMORY, PngFiles.readText(t.grid()).get("Checkpoint"));
        assertEquals(ImageSamplingOptions.LIBRARY_CALL, PngFiles.readText(t.grid()).get("Command"));
    }

    /** A checkpoint records the class names of its training data in its token scheme. */
    @Test
    void aCheckpointTrainedOnFashionMnistNamesItsClasses() {
        ImageTrainingOptions o = ImageTrainingOptions.of(new ImageSource.Bundled(), 4, 1, dir)
                .withAttention(ImageAttention.FULL)
                .withModel(new ModelSize(16, 2, 1, 0.0))
                .withConditional(true);
        DecoderModel model = new DecoderModel(o.modelConfig(), Precision.FLOAT32, 1);
        Path ckpt = dir.resolve("fashion.ckpt");
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "test"),
                ckpt, new Checkpoint.RunRecord(o.tokens(), "test", null));
        assertEquals(ClassNames.FASHION_MNIST, TrainedImageModel.load(ckpt).classNames());
        Path unknown = SampleFixtures.checkpoint(dir, 4, 1, new FullCausalAttention.Spec(), true, 10);
        assertEquals(ClassNames.UNKNOWN, TrainedImageModel.load(unknown).classNames());
    }

    /** Whether the rectangle holds a dark pixel (text). */
    private static boolean hasInk(BufferedImage image, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                if ((image.getRGB(x, y) & 0xff) < 128) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Regression: {@code --class -1} used to be read as "no class given" and cycled through the classes. */
    @Test
    void aNegativeClassIsRefusedWithTheValidRange() {
        Path ckpt = SampleFixtures.checkpoint(dir, 4, 1, new FullCausalAttention.Spec(), true, 7);
        Path out = dir.resolve("negative");
        UserError e = assertThrows(UserError.class,
                () -> ImageSampler.sample(ckpt, ImageSamplingOptions.of(2, 1, out)
                        .withClass(OptionalInt.of(-1))));
        assertEquals("--class (-1) must be in 0..9", e.getMessage());
        assertFalse(Files.exists(out), "nothing is written for a refused class");
        Path plain = SampleFixtures.checkpoint(dir, 4, 1, new FullCausalAttention.Spec(), false, 8);
        assertEquals("this model is not class-conditional; drop --class", assertThrows(UserError.class,
                () -> ImageSampler.sample(plain, ImageSamplingOptions.of(1, 1, out)
                        .withClass(OptionalInt.of(-1)))).getMessage());
    }

    @Test
    void missingOrForeignCheckpointsAreOneClearLine() {
        Path missing = dir.resolve("missing.ckpt");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> ImageSampler.sample(missing, ImageSamplingOptions.of(1, 1, dir)));
        assertEquals(missing + ": no such file", e.getMessage());

        ModelConfig text = ModelConfig.of(256, 16, 2, 1, 32, 16).withPosition(new Positions.Learned());
        Path foreign = dir.resolve("text.ckpt");
        TrainingCheckpoint.save(new TrainingRun(new DecoderModel(text, Precision.FLOAT32, 1),
                TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "text"), foreign,
                new Checkpoint.RunRecord(new TokenScheme.Plain(256), "test", null));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> ImageSampler.sample(foreign, ImageSamplingOptions.of(1, 1, dir)));
        assertTrue(f.getMessage().startsWith(foreign + ": not an image model"), f.getMessage());
        assertTrue(!f.getMessage().contains("\n"));
    }

    @Test
    void sampledImagesNeverContainTheStartId() {
        Path ckpt = SampleFixtures.checkpoint(dir, 8, 1, LOCAL, false, 6);
        TrainedImageModel m = TrainedImageModel.load(ckpt);
        int[][] images = m.generate(new int[2][0], new SamplingConfig(5.0, 0, 1.0, 3), null, null);
        for (int[] img : images) {
            assertTrue(Arrays.stream(img).allMatch(v -> v >= 0 && v < ImageModels.START));
        }
        ImageSet.fromSequences(8, 8, 1, Arrays.asList(images));      // valid intensities
    }
}

package org.attentionsuite.image.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.junit.jupiter.api.Test;

class ImageDataTest {
    private static final int L = 28 * 28;

    /** The first {@code count} bundled images: the last {@code heldOut} of the default shuffle held out. */
    private static ImageSet.Split bundled(int count, int heldOut) {
        return BundledImages.fashionMnist2k().subset(0, count).shuffled(ImageSplit.SEED).split(count - heldOut);
    }

    private static int[] row(int[] flat, int b, int length) {
        return Arrays.copyOfRange(flat, b * length, (b + 1) * length);
    }

    /** Which image of {@code set} (and whether mirrored) has exactly this raster sequence; −1 if none. */
    private static int find(ImageSet set, int[] raster, boolean mirrored) {
        for (int n = 0; n < set.count(); n++) {
            if (Arrays.equals(mirrored ? set.flipHorizontal(n) : set.sequence(n), raster)) {
                return n;
            }
        }
        return -1;
    }

    @Test
    void rasterBatchesAreTheImageShiftedRightBehindStart() {
        ImageSet.Split split = bundled(40, 8);
        ImageData data = new ImageData(split.first(), split.second(), ImageOrder.raster(28, 28, 1), 4);
        Batch b = data.trainBatch(new Random(3));
        assertEquals(4, b.batch());
        assertEquals(L, b.length());
        assertNull(b.conditions());
        for (int s = 0; s < 4; s++) {
            int[] target = row(b.targets(), s, L);
            int[] input = row(b.inputs(), s, L);
            assertTrue(find(split.first(), target, false) >= 0, "target " + s + " is a training image");
            assertEquals(ImageModels.START, input[0]);
            assertArrayEquals(Arrays.copyOf(target, L - 1), Arrays.copyOfRange(input, 1, L));
        }
    }

    @Test
    void localTwoDimensionalOrderMatchesBlockRasterOrder() {
        ImageSet.Split split = bundled(30, 10);
        BlockRasterOrder blocks = new BlockRasterOrder(28, 28, 1, 7, 4);
        ImageData data = new ImageData(split.first(), split.second(), ImageOrder.blockRaster(28, 28, 1, 7, 4), 3);
        List<Batch> validation = data.validationBatches();
        assertEquals(4, validation.size());                        // 3 + 3 + 3 + 1 held-out images
        assertEquals(1, validation.get(3).batch());
        for (int n = 0; n < 10; n++) {
            Batch b = validation.get(n / 3);
            int s = n % 3;
            int[] expected = blocks.toBlockOrder(split.second().sequence(n));
            assertArrayEquals(expected, row(b.targets(), s, L), "held-out image " + n);
            assertEquals(ImageModels.START, b.inputs()[s * L]);
            assertArrayEquals(Arrays.copyOf(expected, L - 1), Arrays.copyOfRange(b.inputs(), s * L + 1, (s + 1) * L));
        }
        assertSame(validation, data.validationBatches());           // fixed: the same batches every call
    }

    @Test
    void flipsMirrorSomeTrainingImagesAndNeverWithoutTheOption() {
        ImageSet.Split split = bundled(20, 4);
        ImageOrder raster = ImageOrder.raster(28, 28, 1);
        ImageData plain = new ImageData(split.first(), split.second(), raster, 8);
        ImageData flipping = plain.withFlips(true);
        int mirrored = 0;
        int straight = 0;
        for (int seed = 0; seed < 6; seed++) {
            Batch f = flipping.trainBatch(new Random(seed));
            Batch p = plain.trainBatch(new Random(seed));
            for (int s = 0; s < 8; s++) {
                int[] ft = row(f.targets(), s, L);
                if (find(split.first(), ft, false) >= 0) {
                    straight++;
                } else {
                    assertTrue(find(split.first(), ft, true) >= 0, "a flipped training image");
                    mirrored++;
                }
                assertTrue(find(split.first(), row(p.targets(), s, L), false) >= 0);
            }
        }
        assertTrue(mirrored > 8 && straight > 8, mirrored + " mirrored, " + straight + " not");
        assertArrayEquals(flipping.validationBatches().get(0).targets(), plain.validationBatches().get(0).targets());
    }

    @Test
    void conditionalBatchesCarryTheLabels() {
        ImageSet.Split split = bundled(20, 4);
        ImageData data = new ImageData(split.first(), split.second(), ImageOrder.raster(28, 28, 1), 5)
                .withClassConditions(true);
        Batch b = data.trainBatch(new Random(1));
        for (int s = 0; s < 5; s++) {
            int n = find(split.first(), row(b.targets(), s, L), false);
            assertEquals(split.first().label(n), b.conditions()[s]);
        }
        ImageSet unlabelled = new ImageSet(28, 28, 1, split.first().pixels(), null);
        ImageDataException e = assertThrows(ImageDataException.class,
                () -> new ImageData(unlabelled, split.second(), ImageOrder.raster(28, 28, 1), 5)
                        .withClassConditions(true));
        assertEquals("class conditioning needs labelled images; the training images have no labels", e.getMessage());
    }

    @Test
    void batchesDependOnlyOnTheGeneratorAndTheFingerprintOnTheData() {
        ImageSet.Split split = bundled(20, 4);
        ImageData a = new ImageData(split.first(), split.second(), ImageOrder.raster(28, 28, 1), 4);
        ImageData b = new ImageData(split.first(), split.second(), ImageOrder.raster(28, 28, 1), 4);
        assertArrayEquals(a.trainBatch(new Random(9)).targets(), b.trainBatch(new Random(9)).targets());
        assertEquals(a.fingerprint(), b.fingerprint());
        ImageSet.Split other = bundled(21, 4);
        assertNotEquals(a.fingerprint(),
                new ImageData(other.first(), other.second(), ImageOrder.raster(28, 28, 1), 4).fingerprint());
        assertNotEquals(a.fingerprint(), a.withFlips(true).fingerprint());
    }

    @Test
    void splitIsFixedAndDisjoint() {
        ImageSet all = BundledImages.fashionMnist2k().subset(0, 50);
        ImageSplit.Parts s1 = ImageSplit.of(0, 10).apply(all);
        assertEquals(s1, ImageSplit.of(0, 10).apply(all));
        assertEquals(40, s1.train().count());
        assertEquals(10, s1.validation().count());
        assertEquals(0, s1.test().count());
        for (int n = 0; n < 10; n++) {
            assertEquals(-1, find(s1.train(), s1.validation().sequence(n), false));
        }
        assertThrows(ImageDataException.class, () -> ImageSplit.of(0, 1).apply(all.subset(0, 1)));
    }

    @Test
    void withoutTestImagesTheSplitIsTheOneEveryEarlierRunMade() {
        ImageSet all = BundledImages.fashionMnist2k().subset(0, 60);
        ImageSet.Split before = all.shuffled(2018).split(48);              // the split of every run before --test
        ImageSplit.Parts now = new ImageSplit(0, 12, 0, 2018).apply(all);
        assertEquals(before.first(), now.train());
        assertEquals(before.second(), now.validation());
    }

    @Test
    void testImagesAreDisjointFixedBySeedAndIndependentOfTheValidationCount() {
        ImageSet all = BundledImages.fashionMnist2k().subset(0, 100);
        ImageSplit.Parts p = new ImageSplit(0, 10, 20, 7).apply(all);
        assertEquals(List.of(70, 10, 20), List.of(p.train().count(), p.validation().count(), p.test().count()));
        for (int n = 0; n < p.test().count(); n++) {
            assertEquals(-1, find(p.train(), p.test().sequence(n), false), "test image " + n + " is not trained on");
            assertEquals(-1, find(p.validation(), p.test().sequence(n), false), "nor validated on");
        }
        assertEquals(p.test(), new ImageSplit(0, 15, 20, 7).apply(all).test(), "the validation count moves no test image");
        assertNotEquals(p.test(), new ImageSplit(0, 10, 20, 8).apply(all).test(), "the seed chooses them");
        assertEquals(p.test(), p.get(DataSplit.TEST));
        assertEquals(20, new ImageSplit(0, 10, 50, 7).apply(all).test().count(), "at most a fifth");
        assertEquals(new ImageSplit(0, 10, 20, 7).apply(all.subset(0, 50)), new ImageSplit(50, 10, 20, 7).apply(all),
                "--limit splits the first images");
    }

    @Test
    void wrongGeometryIsOneClearLine() {
        ImageSet.Split split = bundled(10, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageData(split.first(), split.second(), ImageOrder.raster(14, 14, 1), 2));
        assertEquals("training images are 28x28x1, the model expects 14x14x1", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

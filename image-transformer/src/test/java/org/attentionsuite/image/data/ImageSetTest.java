package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {

    /** Two RGB images of 2 rows x 3 columns; value = 100*image + 10*(r*3 + c) + ch + 50, so image 1 has bytes > 127. */
    private static ImageSet rgbPair() {
        byte[] pixels = new byte[2 * 2 * 3 * 3];
        for (int n = 0; n < 2; n++) {
            for (int p = 0; p < 6; p++) {
                for (int ch = 0; ch < 3; ch++) {
                    pixels[n * 18 + p * 3 + ch] = (byte) (100 * n + 10 * p + ch + 50);
                }
            }
        }
        return new ImageSet(2, 3, 3, pixels, new int[] {4, 7});
    }

    @Test
    void intensityReadsRasterOrderAsUnsignedBytes() {
        ImageSet set = rgbPair();
        assertEquals(2, set.count());
        assertEquals(18, set.imageLength());
        // image 1, row 1, column 2 (pixel 5), channel 1: 100 + 50 + 1 + 50 = 201 (stored as a negative byte)
        assertEquals(201, set.intensity(1, 1, 2, 1));
        assertEquals(201, set.intensity(1, (1 * 3 + 2) * 3 + 1));
        assertEquals(50, set.intensity(0, 0));
        assertEquals(7, set.label(1));
    }

    @Test
    void sequenceIsTheRasterOrderOfOneImage() {
        int[] expected = {50, 51, 52, 60, 61, 62, 70, 71, 72, 80, 81, 82, 90, 91, 92, 100, 101, 102};
        assertArrayEquals(expected, rgbPair().sequence(0));
    }

    @Test
    void flipHorizontalMirrorsColumnsAndKeepsChannelOrder() {
        ImageSet set = rgbPair();
        // row 0: pixels 0,1,2 -> 2,1,0; row 1: pixels 3,4,5 -> 5,4,3
        int[] expected = {70, 71, 72, 60, 61, 62, 50, 51, 52, 100, 101, 102, 90, 91, 92, 80, 81, 82};
        assertArrayEquals(expected, set.flipHorizontal(0));
        assertArrayEquals(rgbPair().sequence(0), set.sequence(0), "the set itself must not change");
    }

    @Test
    void subsetSelectShuffleAndSplitKeepImagesWithTheirLabels() {
        ImageSet set = rgbPair();
        ImageSet second = set.subset(1, 2);
        assertEquals(1, second.count());
        assertArrayEquals(set.sequence(1), second.sequence(0));
        assertEquals(7, second.label(0));

        ImageSet reversed = set.select(1, 0);
        assertArrayEquals(set.sequence(0), reversed.sequence(1));
        assertArrayEquals(new int[] {7, 4}, reversed.labels());

        ImageSet.Split split = set.split(1);
        assertEquals(set.subset(0, 1), split.first());
        assertEquals(set.subset(1, 2), split.second());
        assertEquals(0, set.split(0).first().count());

        ImageSet many = ImageSet.fromSequences(1, 1, 1, List.of(
                new int[] {0}, new int[] {1}, new int[] {2}, new int[] {3}, new int[] {4}, new int[] {5}));
        ImageSet shuffled = many.shuffled(3);
        assertEquals(shuffled, many.shuffled(3), "same seed, same order");
        int[] values = new int[6];
        Arrays.setAll(values, i -> shuffled.intensity(i, 0));
        assertFalse(Arrays.equals(new int[] {0, 1, 2, 3, 4, 5}, values), "a shuffle of 6 should move something");
        Arrays.sort(values);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, values, "a shuffle is a permutation");
    }

    @Test
    void isImmutable() {
        byte[] pixels = {1, 2, 3, 4};
        int[] labels = {0, 1};
        ImageSet set = new ImageSet(1, 2, 1, pixels, labels);
        pixels[0] = 99;
        labels[0] = 9;
        set.pixels()[1] = 99;
        set.labels()[1] = 9;
        assertEquals(1, set.intensity(0, 0));
        assertEquals(2, set.intensity(0, 1));
        assertEquals(0, set.label(0));
        assertEquals(1, set.label(1));
    }

    @Test
    void equalityComparesContents() {
        assertEquals(rgbPair(), rgbPair());
        assertEquals(rgbPair().hashCode(), rgbPair().hashCode());
        assertNotEquals(rgbPair(), rgbPair().select(1, 0));
        assertEquals("ImageSet[2 images of 2x3x3, labelled]", rgbPair().toString());
    }

    @Test
    void fromSequencesRoundTripsAndValidates() {
        ImageSet set = ImageSet.fromSequences(1, 2, 1, List.of(new int[] {0, 255}, new int[] {128, 7}));
        assertArrayEquals(new int[] {128, 7}, set.sequence(1));
        assertFalse(set.hasLabels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSet.fromSequences(1, 2, 1, List.of(new int[] {0, 256})));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    void rejectsInconsistentSizesWithClearMessages() {
        IllegalArgumentException channels = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(2, 2, 2, new byte[8], null));
        assertEquals("channels must be 1 (gray) or 3 (RGB), got 2", channels.getMessage());
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(2, 2, 1, new byte[6], null));
        assertEquals("pixels length 6 is not a multiple of the image size 2x2x1 = 4", length.getMessage());
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(2, 2, 1, new byte[8], new int[3]));
        assertEquals("labels length 3 does not match the image count 2", labels.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> rgbPair().sequence(2));
        assertThrows(IndexOutOfBoundsException.class, () -> rgbPair().intensity(0, 18));
        assertThrows(IndexOutOfBoundsException.class, () -> rgbPair().subset(1, 3));
        assertThrows(IllegalStateException.class, () -> new ImageSet(1, 1, 1, new byte[1], null).label(0));
    }
}

package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ColorMode;
import org.attentionsuite.image.data.ImageSet;
import org.junit.jupiter.api.Test;

class ImageSetsTest {

    /** Halving averages exact 2x2 blocks (reference: the plain mean, rounded half up). */
    @Test
    void halvingAveragesTwoByTwoBlocks() {
        ImageSet set = BundledImages.fashionMnist2k().subset(0, 3);
        ImageSet half = ImageSets.resize(set, 14, 14);
        assertArrayEquals(set.labels(), half.labels());
        for (int n = 0; n < 3; n++) {
            for (int r = 0; r < 14; r++) {
                for (int c = 0; c < 14; c++) {
                    int sum = set.intensity(n, 2 * r, 2 * c, 0) + set.intensity(n, 2 * r, 2 * c + 1, 0)
                            + set.intensity(n, 2 * r + 1, 2 * c, 0) + set.intensity(n, 2 * r + 1, 2 * c + 1, 0);
                    assertEquals(Math.round(sum / 4.0), half.intensity(n, r, c, 0), "image " + n + " (" + r + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void doublingRepeatsPixelsAndTheSameSizeIsUnchanged() {
        ImageSet set = BundledImages.fashionMnist2k().subset(0, 2);
        assertSame(set, ImageSets.fit(set, 28, 28, 1));
        ImageSet big = ImageSets.resize(set, 56, 56);
        for (int r = 0; r < 56; r++) {
            for (int c = 0; c < 56; c++) {
                assertEquals(set.intensity(1, r / 2, c / 2, 0), big.intensity(1, r, c, 0));
            }
        }
    }

    @Test
    void grayToRgbAndBackIsTheIdentity() {
        ImageSet set = BundledImages.fashionMnist2k().subset(0, 2);
        ImageSet rgb = ImageSets.withChannels(set, 3);
        assertEquals(3, rgb.channels());
        assertEquals(set.intensity(0, 5, 9, 0), rgb.intensity(0, 5, 9, 2));
        assertEquals(set, ImageSets.withChannels(rgb, 1));
        ImageSet color = new ImageSet(1, 1, 3, new byte[] {(byte) 200, 100, 50}, null);
        assertEquals(ColorMode.luma(200, 100, 50), ImageSets.withChannels(color, 1).intensity(0, 0));
    }
}

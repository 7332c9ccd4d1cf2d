package org.attentionsuite.image.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.junit.jupiter.api.Test;

class ImageAttentionPictureTest {
    /** 8x8 gray, 4x4 query blocks, flange 2x2, two layers of two heads, class-conditional. */
    final TrainedImageModel model = TrainedImageModel.of(new DecoderModel(ImageModels.config(8, 8, 1,
            new LocalAttention2d.Spec(8, 8, 1, 4, 4, 2, 2), new ModelSize(16, 2, 2, 0.0), true), Precision.FLOAT64, 3));

    private static int[] image() {
        int[] raster = new int[64];
        for (int i = 0; i < 64; i++) {
            raster[i] = i * 4;
        }
        return raster;
    }

    @Test
    void theQueryOfAPixelIsThePositionThatPredictsIt() {
        ImageAttentionPicture p = ImageAttentionPicture.of(model, image(), 3, 5, 6, 0);
        assertEquals(54, p.map().query(), "block 3 of 16 positions, place 1·4 + 2 in it");
        double[] cells = p.cells(p.map().weights()[1][0]);
        assertEquals(1.0, Arrays.stream(cells).sum(), 1e-12);
        // cells outside the block's memory (rows 2..7, columns 2..7) get nothing
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                if (r < 2 || c < 2) {
                    assertEquals(0.0, cells[r * 8 + c], 0.0, "cell " + r + "," + c);
                }
            }
        }
        assertTrue(cells[5 * 8 + 7] == 0.0 && cells[7 * 8 + 7] == 0.0, "later positions get nothing");
    }

    @Test
    void thePictureHasATilePerHeadAndMeanPerLayerWithItsOutlines() {
        BufferedImage picture = ImageAttentionPicture.of(model, image(), 3, 5, 6, 0).render();
        int tile = 8 * 14;                                                  // 8 pixels at scale 14 (>= 112)
        assertEquals(6 + 3 * (tile + 6), picture.getWidth(), "two heads and their mean");
        assertEquals(6 + 2 * (14 + tile + 6), picture.getHeight(), "two layers");
        int x0 = 6;
        int y0 = 6 + 14;
        assertEquals(0x00c8e6, picture.getRGB(x0 + 6 * 14, y0 + 5 * 14) & 0xffffff, "query pixel framed in cyan");
        assertEquals(0x28c83c, picture.getRGB(x0 + 4 * 14, y0 + 7 * 14) & 0xffffff, "query block framed in green");
        assertEquals(0xfac800, picture.getRGB(x0 + 2 * 14, y0 + 3 * 14) & 0xffffff, "memory framed in yellow");
    }

    @Test
    void aPixelOutsideTheImageOrAMissingClassIsRefused() {
        assertThrows(UserError.class, () -> ImageAttentionPicture.of(model, image(), 3, 8, 0, 0));
        assertThrows(UserError.class, () -> ImageAttentionPicture.of(model, image(), 3, 0, 0, 1));
        assertThrows(UserError.class, () -> ImageAttentionPicture.of(model, image(), -1, 0, 0, 0));
    }

    @Test
    void anIntensityOutsideTheImagesIsRefused() {
        int[] start = image();
        start[13] = ImageModels.START;                                      // an id of the model, not an intensity
        assertEquals("intensity 256 of pixel 1,5 channel 0 is outside 0..255",
                assertThrows(UserError.class, () -> ImageAttentionPicture.of(model, start, 3, 5, 6, 0)).getMessage());
        int[] negative = image();
        negative[0] = -1;
        assertThrows(UserError.class, () -> ImageAttentionPicture.of(model, negative, 3, 5, 6, 0));
    }
}

package org.attentionsuite.image.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.junit.jupiter.api.Test;

class ImageModelsTest {

    @Test
    void localTwoDimensionalAttentionGetsBlockOrderPositions() {
        LocalAttention2d.Spec spec = new LocalAttention2d.Spec(28, 28, 1, 7, 4, 7, 4);
        ModelConfig c = ImageModels.config(28, 28, 1, spec, ModelSize.micro(), false);
        assertEquals(257, c.vocabSize());
        assertEquals(784, c.maxLength());
        assertEquals(0, c.conditionClasses());
        assertEquals(256, c.ffnDim());
        assertEquals(new ImagePositions(28, 28, 1, 7, 4), c.position());
        assertArrayEquals(new BlockRasterOrder(28, 28, 1, 7, 4).permutation(), ImageModels.order(c).permutation());
    }

    @Test
    void otherAttentionsGetRasterOrderAndConditioningAddsTenClasses() {
        ModelConfig full = ImageModels.config(8, 6, 3, new FullCausalAttention.Spec(), ModelSize.micro(), true);
        assertEquals(ImageOrder.raster(8, 6, 3), ImageModels.order(full));
        assertEquals(10, full.conditionClasses());
        ModelConfig local1d = ImageModels.config(8, 6, 3, new LocalAttention1d.Spec(18, 1), ModelSize.micro(), false);
        assertEquals(ImageOrder.raster(8, 6, 3), ImageModels.order(local1d));
    }

    @Test
    void localTwoDimensionalAttentionForAnotherImageIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageModels.config(14, 14, 1,
                new LocalAttention2d.Spec(28, 28, 1, 7, 7, 7, 7), ModelSize.micro(), false));
        assertEquals("local2d attention is set up for 28x28x1 images, not 14x14x1", e.getMessage());
        ModelConfig text = ModelConfig.of(256, 16, 2, 1, 32, 8).withPosition(new Positions.Learned());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ImageModels.order(text)).getMessage()
                .startsWith("not an image model"));
    }

    @Test
    void prefixCoveringTheTopRowsEndsOnAWholeBlockRow() {
        assertEquals(6 * 12 * 3, ImageOrder.raster(12, 12, 3).prefixCoveringRows(6));
        ImageOrder blocks = ImageOrder.blockRaster(12, 12, 3, 4, 6);
        assertEquals(8 * 12 * 3, blocks.prefixCoveringRows(6));        // rows 0..5 lie in block rows 0 and 1
        assertEquals(4 * 12 * 3, blocks.prefixCoveringRows(4));
        // every raster index of the top 6 rows sits inside the prefix, in block order
        int[] inverse = new BlockRasterOrder(12, 12, 3, 4, 6).inverse();
        for (int i = 0; i < 6 * 12 * 3; i++) {
            assertTrue(inverse[i] < blocks.prefixCoveringRows(6));
        }
    }

    @Test
    void modelSizeValidatesAndDerivesTheFeedForwardWidth() {
        assertEquals(1024, ModelSize.small().ffnDim());
        assertEquals("--heads (3) must divide --d-model (64)",
                assertThrows(IllegalArgumentException.class, () -> new ModelSize(64, 3, 2, 0.0)).getMessage());
    }
}

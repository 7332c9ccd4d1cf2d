package org.attentionsuite.image.order;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockRasterOrderTest {

    @Test
    void fourByFourGrayWithTwoByTwoBlocks() {
        //  raster indices     blocks
        //   0  1 |  2  3      A | B
        //   4  5 |  6  7
        //  ------+------     ---+---
        //   8  9 | 10 11      C | D
        //  12 13 | 14 15
        BlockRasterOrder order = new BlockRasterOrder(4, 4, 1, 2, 2);
        int[] expected = {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15};
        assertArrayEquals(expected, order.permutation());
        assertArrayEquals(expected, order.toBlockOrder(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}));
        // inverse: where each raster index lands in block order
        assertArrayEquals(new int[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, order.inverse());
        assertEquals(4, order.blockCount());
        assertEquals(4, order.blockLength());
    }

    @Test
    void rgbKeepsChannelsOfAPixelTogetherAndBlocksMayBeWide() {
        // 2x4x3 image, blocks of 1 row x 2 columns: pixel (r, c) has raster indices 3*(4r + c) + {0, 1, 2}.
        // One-row blocks visited in raster order leave the raster order unchanged.
        BlockRasterOrder order = new BlockRasterOrder(2, 4, 3, 1, 2);
        int[] expected = {
            0, 1, 2, 3, 4, 5,           // block (0,0): pixels (0,0), (0,1)
            6, 7, 8, 9, 10, 11,         // block (0,1): pixels (0,2), (0,3)
            12, 13, 14, 15, 16, 17,     // block (1,0): pixels (1,0), (1,1)
            18, 19, 20, 21, 22, 23};    // block (1,1): pixels (1,2), (1,3)
        assertArrayEquals(expected, order.permutation());

        // 2x4x3 with 2x2 blocks: block (0,0) = pixels (0,0), (0,1), (1,0), (1,1)
        BlockRasterOrder square = new BlockRasterOrder(2, 4, 3, 2, 2);
        int[] expectedSquare = {
            0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17,
            6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 23};
        assertArrayEquals(expectedSquare, square.permutation());
    }

    @Test
    void inverseUndoesPermutationForRgb() {
        BlockRasterOrder order = new BlockRasterOrder(8, 12, 3, 4, 3);
        int[] perm = order.permutation();
        int[] inv = order.inverse();
        for (int j = 0; j < perm.length; j++) {
            assertEquals(j, inv[perm[j]]);
        }
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        int[] identity = new int[perm.length];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted, "permutation() must be a permutation of 0..L-1");

        int[] x = new Random(1).ints(order.length(), 0, 256).toArray();
        int[] original = x.clone();
        int[] blocks = order.toBlockOrder(x);
        assertArrayEquals(original, x, "input must not be modified");
        assertArrayEquals(x, order.toRasterOrder(blocks));
        // the first block is the top-left 4x3 patch: its last element is pixel (3, 2), channel 2
        assertEquals(x[(3 * 12 + 2) * 3 + 2], blocks[order.blockLength() - 1]);
    }

    @Test
    void oneBlockCoveringTheImageIsTheRasterOrder() {
        BlockRasterOrder order = new BlockRasterOrder(3, 5, 3, 3, 5);
        int[] identity = new int[order.length()];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, order.permutation());
    }

    @Test
    void blocksMustDivideTheImage() {
        IllegalArgumentException height = assertThrows(IllegalArgumentException.class,
                () -> new BlockRasterOrder(28, 28, 1, 5, 4));
        assertEquals("image height 28 is not divisible by query block height 5", height.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> new BlockRasterOrder(28, 28, 1, 4, 6));
        assertEquals("image width 28 is not divisible by query block width 6", width.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockRasterOrder(4, 4, 1, 2, 2).toBlockOrder(new int[15]));
    }
}

package org.attentionsuite.core.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;
import org.junit.jupiter.api.Test;

/**
 * The gradient sum is one fixed tree over leaf indices: summed leaf by leaf, or as blocks of any
 * power-of-two size summed separately and then combined, it gives exactly (bit for bit) the sum of
 * the tree written out recursively here.
 */
class GradientTreeTest {
    static final int SIZE = 37;

    /** Leaves whose magnitudes span 12 orders, so the order of float additions shows in the bits. */
    static float[][] leaves(int n, long seed) {
        Random rng = new Random(seed);
        float[][] out = new float[n][SIZE];
        for (float[] leaf : out) {
            for (int i = 0; i < SIZE; i++) {
                leaf[i] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(12) - 6));
            }
        }
        return out;
    }

    /** The definition: sum[lo, hi) = sum[lo, lo + h) + sum[lo + h, hi), h the largest power of two below hi − lo. */
    static float[] reference(float[][] leaves, int lo, int hi) {
        if (hi - lo == 1) {
            return leaves[lo].clone();
        }
        int h = Integer.highestOneBit(hi - lo - 1);
        float[] a = reference(leaves, lo, lo + h);
        float[] b = reference(leaves, lo + h, hi);
        for (int i = 0; i < SIZE; i++) {
            a[i] += b[i];
        }
        return a;
    }

    static float[] read(Storage s) {
        float[] out = new float[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = (float) s.get(i);
        }
        return out;
    }

    static void fill(Storage s, float[] values) {
        for (int i = 0; i < SIZE; i++) {
            s.set(i, values[i]);
        }
    }

    /** Sums the leaves in blocks of {@code block} (each in its own tree), then the blocks in one more. */
    static float[] byBlocks(float[][] leaves, int block) {
        GradientTree top = new GradientTree(Precision.FLOAT32, SIZE);
        for (int from = 0; from < leaves.length; from += block) {
            GradientTree tree = new GradientTree(Precision.FLOAT32, SIZE);
            int to = Math.min(leaves.length, from + block);
            for (int m = from; m < to; m++) {
                Storage leaf = tree.next();
                fill(leaf, leaves[m]);
                tree.push(leaf, 1);
            }
            top.pushCopy(tree.sum(), to - from);
        }
        return read(top.sum());
    }

    @Test
    void anySplitIntoPowerOfTwoBlocksGivesTheTreesBits() {
        for (int n = 1; n <= 40; n++) {
            float[][] l = leaves(n, n);
            float[] expected = reference(l, 0, n);
            for (int block = 1; block <= 64; block *= 2) {
                assertArrayEquals(expected, byBlocks(l, block), 0f, n + " leaves in blocks of " + block);
            }
        }
    }

    @Test
    void theOrderMattersSoTheTestCanFail() {
        float[][] l = leaves(13, 5);
        float[] tree = reference(l, 0, 13);
        float[] leftToRight = l[0].clone();
        for (int m = 1; m < 13; m++) {
            for (int i = 0; i < SIZE; i++) {
                leftToRight[i] += l[m][i];
            }
        }
        boolean differs = false;
        for (int i = 0; i < SIZE; i++) {
            differs |= Float.floatToIntBits(tree[i]) != Float.floatToIntBits(leftToRight[i]);
        }
        assertTrue(differs, "left-to-right addition gives other bits than the tree for these leaves");
    }

    @Test
    void aTreeReusesItsBuffersAndKeepsFewOfThem() {
        GradientTree tree = new GradientTree(Precision.FLOAT32, SIZE);
        for (int round = 0; round < 3; round++) {
            tree.clear();
            for (int m = 0; m < 100; m++) {
                Storage leaf = tree.next();
                leaf.set(0, 1);
                tree.push(leaf, 1);
            }
            assertEquals(100, tree.sum().get(0), 0.0);
        }
        assertTrue(tree.buffers() <= 8, "100 leaves need log2(100) + 2 buffers at most, got " + tree.buffers());
    }

    @Test
    void blocksArePowersOfTwoGivingEachWorkerWork() {
        assertEquals(8, GradientTree.blockSize(16, 2));
        assertEquals(4, GradientTree.blockSize(16, 3));
        assertEquals(1, GradientTree.blockSize(3, 2));
        assertEquals(1, GradientTree.blockSize(1, 8));
        assertEquals(16, GradientTree.blockSize(16, 1));
    }
}

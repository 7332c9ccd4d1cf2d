package org.attentionsuite.image.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.AttentionContract;
import org.attentionsuite.core.testing.GradCheck;
import org.attentionsuite.core.testing.NaiveAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalAttention2dTest {
    private static final int D = 8;
    private static final int HEADS = 2;
    /** The main small geometry: 6x8 image, 3 channels, query blocks 2x4, 1 row above, 2 columns each side. */
    private static final LocalAttention2d.Spec SMALL = new LocalAttention2d.Spec(6, 8, 3, 2, 4, 1, 2);

    static LocalAttention2d make(LocalAttention2d.Spec spec) {
        return (LocalAttention2d) spec.create(
                new AttentionContext("t", D, HEADS, spec.length(), new Params(), Precision.FLOAT64));
    }

    /**
     * {@code pos[t] = {row, col, channel}} of block-raster sequence index {@code t}, by walking the
     * blocks, their pixels and the channels in generation order with plain loops.
     */
    static int[][] decode(LocalAttention2d.Spec s) {
        int[][] pos = new int[s.length()][];
        int t = 0;
        for (int br = 0; br < s.imageHeight() / s.queryHeight(); br++) {
            for (int bc = 0; bc < s.imageWidth() / s.queryWidth(); bc++) {
                for (int pr = 0; pr < s.queryHeight(); pr++) {
                    for (int pc = 0; pc < s.queryWidth(); pc++) {
                        for (int ch = 0; ch < s.channels(); ch++) {
                            pos[t++] = new int[] {br * s.queryHeight() + pr, bc * s.queryWidth() + pc, ch};
                        }
                    }
                }
            }
        }
        return pos;
    }

    /** Whether key {@code j} lies in the memory rectangle of the query block holding {@code i}. */
    static boolean inMemory(LocalAttention2d.Spec s, int[][] pos, int i, int j) {
        int r0 = pos[i][0] / s.queryHeight() * s.queryHeight();      // top row of i's query block
        int c0 = pos[i][1] / s.queryWidth() * s.queryWidth();        // left column of i's query block
        int row = pos[j][0];
        int col = pos[j][1];
        return row >= r0 - s.flangeHeight() && row < r0 + s.queryHeight()
                && col >= c0 - s.flangeWidth() && col < c0 + s.queryWidth() + s.flangeWidth();
    }

    /** The mask from (row, col, channel) geometry: in the memory rectangle, and not generated later. */
    static NaiveAttention.Mask geometryMask(LocalAttention2d.Spec s) {
        int[][] pos = decode(s);
        return (i, j) -> inMemory(s, pos, i, j) && j <= i;
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"4, 5, 3", "3, 4, 1"})
    void oneBlockCoveringTheImageIsFullCausalAttention(int h, int w, int c) {
        LocalAttention2d.Spec spec = new LocalAttention2d.Spec(h, w, c, h, w, 0, 0);
        int l = spec.length();
        int b = 2;
        Attention local = make(spec);
        Mat qkv = AttentionContract.randomQkv(b, l, D, 101);
        double[] want = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, NaiveAttention.causal(), null);
        assertArrayEquals(want, AttentionContract.forward(local, qkv, b, l, D), 1e-12);

        Attention full = new FullCausalAttention.Spec()
                .create(new AttentionContext("t", D, HEADS, l, new Params(), Precision.FLOAT64));
        Mat dOut = Mat.zeros(Precision.FLOAT64, b * l, D);
        GradCheck.randomize(dOut, new Random(102), 1.0);
        assertArrayEquals(LocalAttention1dTest.backward(full, qkv, dOut, b, l),
                LocalAttention1dTest.backward(local, qkv, dOut, b, l), 1e-12);
        AttentionContract.checkGradients(local, b, l, D, 103, new Mat[0], new Mat[0]);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, query {3}x{4}, flange {5}x{6}")
    @CsvSource({
        "6, 8, 3, 2, 4, 1, 2",
        "6, 8, 1, 2, 4, 1, 2",
        "6, 8, 1, 2, 2, 3, 3",   // flanges wider than the block: memory spans several block rows/columns
        "4, 6, 2, 1, 3, 0, 0",   // no flange: each block sees only itself
        "4, 4, 2, 2, 2, 2, 0"})
    void smallBlocksMatchPlainLoopGeometryMask(int h, int w, int c, int qh, int qw, int fh, int fw) {
        LocalAttention2d.Spec spec = new LocalAttention2d.Spec(h, w, c, qh, qw, fh, fw);
        int l = spec.length();
        int b = 2;
        Attention local = make(spec);
        Mat qkv = AttentionContract.randomQkv(b, l, D, 111);
        double[] got = AttentionContract.forward(local, qkv, b, l, D);
        double[] want = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, geometryMask(spec), null);
        assertArrayEquals(want, got, 1e-12);
        double[] full = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, NaiveAttention.causal(), null);
        assertTrue(LocalAttention1dTest.maxDiff(full, got) > 1e-3, "the mask never cut anything: vacuous");

        // A prefix of the image through the same instance (last query block partial).
        int prefix = l / 2 + 1;
        Mat q2 = AttentionContract.randomQkv(1, prefix, D, 112);
        assertArrayEquals(NaiveAttention.forward(q2.toArray(), 1, prefix, D, HEADS, geometryMask(spec), null),
                AttentionContract.forward(local, q2, 1, prefix, D), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AttentionContract.checkGradients(make(SMALL), 2, SMALL.length(), D, 121, new Mat[0], new Mat[0]);
        LocalAttention2d.Spec wide = new LocalAttention2d.Spec(6, 8, 1, 2, 2, 3, 3);
        AttentionContract.checkGradients(make(wide), 1, wide.length(), D, 122, new Mat[0], new Mat[0]);
    }

    /** Local 2D weights: the reference's softmax over the memory rectangle, 0 outside it. */
    @Test
    void weightsAreTheReferenceProbabilitiesInsideTheMemoryRectangle() {
        AttentionContract.checkWeights(make(SMALL), AttentionContract.randomQkv(2, SMALL.length(), D, 125), 2,
                SMALL.length(), D, HEADS, geometryMask(SMALL), null);
        LocalAttention2d.Spec rgb = new LocalAttention2d.Spec(6, 8, 3, 2, 4, 1, 2);
        AttentionContract.checkWeights(make(rgb), AttentionContract.randomQkv(1, rgb.length(), D, 126), 1,
                rgb.length(), D, HEADS, geometryMask(rgb), null);
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(make(SMALL), 2, SMALL.length(), D, 131);
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() {
        AttentionContract.checkIncremental(make(SMALL), 2, SMALL.length(), D, 141);
        LocalAttention2d.Spec wide = new LocalAttention2d.Spec(6, 8, 1, 2, 2, 3, 3);
        AttentionContract.checkIncremental(make(wide), 2, wide.length(), D, 142);
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(make(SMALL), 2, SMALL.length(), D, 151);
    }

    @Test
    void geometryAgreesWithPlainLoopDecoding() {
        for (LocalAttention2d.Spec s : List.of(SMALL, new LocalAttention2d.Spec(6, 8, 1, 2, 2, 3, 3),
                new LocalAttention2d.Spec(4, 6, 2, 1, 3, 0, 0))) {
            Geometry2d g = new Geometry2d(s);
            int[][] pos = decode(s);
            for (int t = 0; t < s.length(); t++) {
                assertArrayEquals(pos[t], new int[] {g.row(t), g.col(t), g.channel(t)}, "decode " + t);
                assertEquals(t, g.index(pos[t][0], pos[t][1], pos[t][2]), "encode " + t);
            }
            int blockSize = s.queryHeight() * s.queryWidth() * s.channels();
            for (int blk = 0; blk < s.length() / blockSize; blk++) {
                List<Integer> want = new ArrayList<>();
                for (int j = 0; j < s.length(); j++) {
                    if (inMemory(s, pos, blk * blockSize, j)) {
                        want.add(j); // ascending j: the list is sorted
                    }
                }
                int[] got = LocalAttention2d.memoryIndices(s, blk);
                assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), got, "memory of block " + blk);
                assertTrue(got.length <= s.memoryBound());
            }
        }
    }

    /** Keys scored by {@code step} per position of query block (1, 1), an interior block of both images. */
    static int[] scoredInBlockOneOne(int size) {
        LocalAttention2d.Spec spec = new LocalAttention2d.Spec(size, size, 3, 4, 4, 2, 2);
        LocalAttention2d a = make(spec);
        Geometry2d g = new Geometry2d(spec);
        int blockSize = spec.queryHeight() * spec.queryWidth() * spec.channels();
        int first = g.index(4, 4, 0);                                  // top-left of block (1, 1)
        int[] scored = new int[blockSize];
        LocalCache cache = (LocalCache) a.newCache(1, first + blockSize);
        Mat qkv = AttentionContract.randomQkv(1, first + blockSize, D, 161);
        Mat out = Mat.zeros(Precision.FLOAT64, 1, D);
        for (int t = 0; t < first + blockSize; t++) {
            a.step(qkv.rows(t, 1), out, cache);
            if (t >= first) {
                scored[t - first] = cache.lastScored;
                assertEquals(a.memorySize(t), cache.lastScored, "memorySize(" + t + ")");
            }
        }
        int widest = 0;
        for (int t = 0; t < spec.length(); t++) {
            widest = Math.max(widest, a.memorySize(t));
        }
        assertTrue(widest <= spec.memoryBound(), "widest memory " + widest + " > bound " + spec.memoryBound());
        return scored;
    }

    @Test
    void stepCostDoesNotDependOnImageSize() {
        int[] small = scoredInBlockOneOne(16);
        int[] large = scoredInBlockOneOne(64);
        assertArrayEquals(small, large, "keys scored per step differ between 16x16 and 64x64");
        int bound = (4 + 2) * (4 + 2 * 2) * 3;
        // Last intensity of the block: 2 rows above x 8 columns, 4 rows x 2 left columns, the block itself.
        assertEquals((2 * 8 + 4 * 2 + 4 * 4) * 3, small[small.length - 1]);
        for (int n : small) {
            assertTrue(n >= 1 && n <= bound, n + " keys outside [1, " + bound + "]");
        }
    }

    @Test
    void specValidatesWithClearMessages() {
        assertEquals("image height 28 is not divisible by query block height 5", assertThrows(
                IllegalArgumentException.class, () -> new LocalAttention2d.Spec(28, 28, 1, 5, 4, 0, 0)).getMessage());
        assertEquals("image width 28 is not divisible by query block width 3", assertThrows(
                IllegalArgumentException.class, () -> new LocalAttention2d.Spec(28, 28, 1, 4, 3, 0, 0)).getMessage());
        assertEquals("channels (0) must be positive", assertThrows(
                IllegalArgumentException.class, () -> new LocalAttention2d.Spec(4, 4, 0, 2, 2, 0, 0)).getMessage());
        assertEquals("flangeWidth (-1) must be non-negative", assertThrows(
                IllegalArgumentException.class, () -> new LocalAttention2d.Spec(4, 4, 1, 2, 2, 0, -1)).getMessage());
        assertEquals("maxLength (100) must equal imageHeight*imageWidth*channels (6*8*3 = 144)", assertThrows(
                IllegalArgumentException.class, () -> SMALL.validate(100, 8, 2)).getMessage());
        SMALL.validate(144, 8, 2);
        assertEquals("local2d(6x8x3,q=2x4,f=1x2)", SMALL.label());
    }
}

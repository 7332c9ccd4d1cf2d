package org.attentionsuite.image.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
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

class LocalAttention1dTest {
    private static final int D = 8;
    private static final int HEADS = 2;

    static Attention make(AttentionSpec spec, int maxLength, Precision p) {
        return spec.create(new AttentionContext("t", D, HEADS, maxLength, new Params(), p));
    }

    static Attention make(int blockLength, int memoryBlocks, int maxLength) {
        return make(new LocalAttention1d.Spec(blockLength, memoryBlocks), maxLength, Precision.FLOAT64);
    }

    /**
     * The window written out position by position: query {@code i} lies in block {@code i / bl},
     * which starts at {@code (i / bl)·bl}; it sees keys from {@code M} blocks before that start up
     * to itself.
     */
    static NaiveAttention.Mask windowMask(int bl, int m) {
        return (i, j) -> {
            int myBlock = i / bl;
            int firstVisible = (myBlock - m) * bl;
            return j <= i && j >= firstVisible;
        };
    }

    @ParameterizedTest(name = "L={0}, block={1} >= L, memory={2}")
    @CsvSource({"30, 30, 0", "30, 64, 1", "17, 100, 3"})
    void oneBlockCoveringEverythingIsFullCausalAttention(int l, int bl, int m) {
        int b = 2;
        Attention local = make(bl, m, l);
        Mat qkv = AttentionContract.randomQkv(b, l, D, 11);
        double[] want = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, NaiveAttention.causal(), null);
        assertArrayEquals(want, AttentionContract.forward(local, qkv, b, l, D), 1e-12);

        // Same gradient as the core's full causal attention for the same upstream gradient.
        Attention full = make(new FullCausalAttention.Spec(), l, Precision.FLOAT64);
        Mat dOut = Mat.zeros(Precision.FLOAT64, b * l, D);
        GradCheck.randomize(dOut, new Random(12), 1.0);
        assertArrayEquals(backward(full, qkv, dOut, b, l), backward(local, qkv, dOut, b, l), 1e-12);
        AttentionContract.checkGradients(local, b, l, D, 13, new Mat[0], new Mat[0]);
    }

    @ParameterizedTest(name = "L={0}, block={1}, memory={2}")
    @CsvSource({"37, 5, 2", "37, 4, 0", "37, 1, 3", "20, 7, 1"})
    void smallBlocksMatchPlainLoopWindowMask(int l, int bl, int m) {
        int b = 2;
        Attention local = make(bl, m, l);
        Mat qkv = AttentionContract.randomQkv(b, l, D, 21);
        double[] got = AttentionContract.forward(local, qkv, b, l, D);
        double[] want = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, windowMask(bl, m), null);
        assertArrayEquals(want, got, 1e-12);
        double[] full = NaiveAttention.forward(qkv.toArray(), b, l, D, HEADS, NaiveAttention.causal(), null);
        assertTrue(maxDiff(full, got) > 1e-3, "the window never cut anything: the comparison is vacuous");

        // A shorter sequence through the same instance (buffers resized, last block partial).
        int shorter = l / 2 + 1;
        Mat q2 = AttentionContract.randomQkv(1, shorter, D, 22);
        assertArrayEquals(NaiveAttention.forward(q2.toArray(), 1, shorter, D, HEADS, windowMask(bl, m), null),
                AttentionContract.forward(local, q2, 1, shorter, D), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AttentionContract.checkGradients(make(5, 2, 37), 2, 37, D, 31, new Mat[0], new Mat[0]);
        AttentionContract.checkGradients(make(4, 0, 37), 1, 37, D, 32, new Mat[0], new Mat[0]);
    }

    /** Local 1D weights: the reference's softmax inside the window, 0 before it (37 ends in a short block). */
    @Test
    void weightsAreTheReferenceProbabilitiesInsideTheWindow() {
        AttentionContract.checkWeights(make(5, 2, 37), AttentionContract.randomQkv(2, 37, D, 33), 2, 37, D, HEADS,
                windowMask(5, 2), null);
        AttentionContract.checkWeights(make(4, 0, 37), AttentionContract.randomQkv(1, 37, D, 34), 1, 37, D, HEADS,
                windowMask(4, 0), null);
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(make(5, 2, 37), 2, 37, D, 41);
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() {
        AttentionContract.checkIncremental(make(5, 2, 37), 3, 37, D, 51);
        AttentionContract.checkIncremental(make(64, 1, 37), 2, 37, D, 52);
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(make(5, 2, 37), 2, 37, D, 61);
    }

    @Test
    void float32MatchesReferenceToSinglePrecision() {
        int l = 37;
        Mat q64 = AttentionContract.randomQkv(1, l, D, 71);
        Mat q32 = Mat.zeros(Precision.FLOAT32, l, 3 * D);
        q32.copyFrom(q64);
        Attention a = make(new LocalAttention1d.Spec(5, 2), l, Precision.FLOAT32);
        assertArrayEquals(NaiveAttention.forward(q32.toArray(), 1, l, D, HEADS, windowMask(5, 2), null),
                AttentionContract.forward(a, q32, 1, l, D), 1e-5);
    }

    @Test
    void stepScoresOnlyItsWindow() {
        int l = 200;
        Attention a = make(8, 2, l);
        LocalCache cache = (LocalCache) a.newCache(1, l);
        Mat qkv = AttentionContract.randomQkv(1, l, D, 81);
        Mat out = Mat.zeros(Precision.FLOAT64, 1, D);
        int widest = 0;
        for (int t = 0; t < l; t++) {
            a.step(qkv.rows(t, 1), out, cache);
            int blockStart = t / 8 * 8;
            assertEquals(t - Math.max(0, blockStart - 16) + 1, cache.lastScored, "keys scored at t=" + t);
            widest = Math.max(widest, cache.lastScored);
        }
        assertEquals(3 * 8, widest, "per-token cost is bounded by (M+1)*bl, not by the length");
    }

    @Test
    void specValidatesWithClearMessages() {
        assertEquals("blockLength (0) must be positive",
                assertThrows(IllegalArgumentException.class, () -> new LocalAttention1d.Spec(0, 1)).getMessage());
        assertEquals("memoryBlocks (-1) must be non-negative",
                assertThrows(IllegalArgumentException.class, () -> new LocalAttention1d.Spec(4, -1)).getMessage());
        assertEquals("heads (3) must divide d_model (8)", assertThrows(IllegalArgumentException.class,
                () -> new LocalAttention1d.Spec(4, 1).validate(16, 8, 3)).getMessage());
        assertEquals("local1d(b=64,m=1)", new LocalAttention1d.Spec(64, 1).label());
    }

    static double[] backward(Attention a, Mat qkv, Mat dOut, int b, int l) {
        a.forward(qkv, Mat.zeros(Precision.FLOAT64, b * l, D), b, l);
        Mat dqkv = Mat.zeros(Precision.FLOAT64, b * l, 3 * D);
        a.backward(dOut, dqkv);
        return dqkv.toArray();
    }

    static double maxDiff(double[] x, double[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}

package org.attentionsuite.music.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.AttentionContract;
import org.attentionsuite.core.testing.NaiveAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeAttentionTest {
    /** Skewed path == pairwise loops; L = 150 spans 3 causal chunks of 64, {@code R = 20 < L} exercises clipping. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchesPairwiseLoopReference(boolean shared) {
        int b = 2;
        int l = 150;
        int d = 16;
        int h = 4;
        int r = 20;
        RelativeAttention a = RelativeFixtures.global(d, h, l, r, shared);
        assertEquals((shared ? 1 : h) * r, a.relativeTable().rows());
        Mat qkv = AttentionContract.randomQkv(b, l, d, 1);
        double[] got = AttentionContract.forward(a, qkv, b, l, d);
        double[] x = qkv.toArray();
        double[] want = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, r, shared));
        assertArrayEquals(want, got, 1e-12);
        double[] plain = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(), null);
        assertTrue(RelativeFixtures.maxAbsDiff(plain, want) > 1e-2, "relative term has no effect: test is vacuous");
    }

    /** maxRelativeDistance 0 sizes the table by maxLength: no distance is clipped. */
    @Test
    void zeroDistanceMeansMaxLength() {
        int b = 1;
        int l = 70;
        int d = 8;
        int h = 2;
        RelativeAttention a = RelativeFixtures.global(d, h, l, 0, false);
        assertEquals(h * l, a.relativeTable().rows());
        Mat qkv = AttentionContract.randomQkv(b, l, d, 2);
        double[] x = qkv.toArray();
        double[] want = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, l, false));
        assertArrayEquals(want, AttentionContract.forward(a, qkv, b, l, d), 1e-12);
    }

    @Test
    void float32MatchesReferenceToSinglePrecision() {
        int b = 1;
        int l = 90;
        int d = 8;
        int h = 2;
        int r = 33;
        RelativeAttention a = (RelativeAttention) RelativeFixtures.build(new RelativeAttention.Spec(r, false), d, h, l,
                Precision.FLOAT32, 3);
        Mat q32 = Mat.zeros(Precision.FLOAT32, b * l, 3 * d);
        q32.copyFrom(AttentionContract.randomQkv(b, l, d, 3));
        double[] x = q32.toArray();
        double[] want = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, r, false));
        assertArrayEquals(want, AttentionContract.forward(a, q32, b, l, d), 1e-5);
    }

    /**
     * The strided index equals tensor2tensor's skew done literally on arrays: pad one zero column on
     * the left of {@code Qe (L, L)}, reshape {@code (L, L+1) → (L+1, L)}, drop the first row.
     */
    @Test
    void skewIndexIsPadReshapeSlice() {
        int l = 7;
        double[] qe = new double[l * l];
        Random rng = new Random(5);
        for (int i = 0; i < qe.length; i++) {
            qe[i] = rng.nextGaussian();
        }
        double[] padded = new double[l * (l + 1)];                 // (L, L+1)
        for (int i = 0; i < l; i++) {
            System.arraycopy(qe, i * l, padded, i * (l + 1) + 1, l);
        }
        for (int i = 0; i < l; i++) {
            for (int j = 0; j <= i; j++) {
                double sliced = padded[(i + 1) * l + j];           // reshaped (L+1, L), row i+1
                assertEquals(sliced, qe[SkewedLogits.skewIndex(l, l, i, j)], 0.0, "S_rel[" + i + "][" + j + "]");
                assertEquals(qe[i * l + (l - 1 - i + j)], sliced, 0.0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean shared) {
        int l = 70; // two causal chunks
        RelativeAttention a = RelativeFixtures.global(8, 2, l, 30, shared);
        Param t = a.relativeTable();
        AttentionContract.checkGradients(a, 2, l, 8, 3, new Mat[] {t.value()}, new Mat[] {t.grad()});
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(RelativeFixtures.global(8, 2, 70, 25, false), 2, 70, 8, 4);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cachedDecodingEqualsFullRecomputation(boolean shared) {
        AttentionContract.checkIncremental(RelativeFixtures.global(8, 2, 70, 25, shared), 2, 70, 8, 5);
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(RelativeFixtures.global(8, 2, 30, 10, false), 2, 30, 8, 6);
    }

    @Test
    void specsAreCanonicalAndLabelled() {
        assertEquals(new RelativeAttention.Spec(0, true), new RelativeAttention.Spec(-4, true));
        assertEquals("relative(R=64, per-head)", new RelativeAttention.Spec(64, false).label());
        assertEquals("relative(R=maxLength, shared)", new RelativeAttention.Spec(0, true).label());
        assertEquals("relative-pairwise(R=8, shared)", new RelativeAttention.Spec(8, true, RelativeAttention.Computation.PAIRWISE).label());
        assertEquals("relative-local(block 16, R=2*block, per-head)",
                new RelativeLocalAttention.Spec(16, 0, false).label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RelativeLocalAttention.Spec(0, 8, false));
        assertEquals("blockLength (0) must be positive", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RelativeAttention.Spec(0, false).validate(0, 8, 2));
    }

    /** Per-head and shared tables: the reference's softmax with the relative logits, over every earlier key. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void weightsAreTheReferenceProbabilities(boolean shared) {
        int b = 2;
        int l = 70;
        int d = 8;
        int h = 2;
        int r = 9;
        RelativeAttention a = RelativeFixtures.global(d, h, l, r, shared);
        Mat qkv = AttentionContract.randomQkv(b, l, d, 35);
        AttentionContract.checkWeights(a, qkv, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(qkv.toArray(), a.relativeTable(), l, d, h, r, shared));
    }

    @Test
    void stepRejectsForeignCache() {
        RelativeAttention a = RelativeFixtures.global(8, 2, 10, 4, false);
        var foreign = new org.attentionsuite.core.attention.AttentionCache(Precision.FLOAT64, 1, 10, 8);
        assertThrows(IllegalArgumentException.class,
                () -> a.step(Mat.zeros(Precision.FLOAT64, 1, 24), Mat.zeros(Precision.FLOAT64, 1, 8), foreign));
    }
}

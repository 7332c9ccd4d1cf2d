package org.attentionsuite.music.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.testing.AttentionContract;
import org.attentionsuite.core.testing.NaiveAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RelativeAttention} computed with {@link RelativeAttention.Computation#PAIRWISE} ({@link PairwiseLogits}). */
class RelativeAttentionPairwiseTest {
    @Test
    void weightsAreTheReferenceProbabilities() {
        int b = 2;
        int l = 21;
        int d = 8;
        int h = 2;
        int r = 9;
        RelativeAttention a = RelativeFixtures.pairwise(d, h, l, r, true);
        Mat qkv = AttentionContract.randomQkv(b, l, d, 19);
        AttentionContract.checkWeights(a, qkv, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(qkv.toArray(), a.relativeTable(), l, d, h, r, true));
    }

    /** Shaw-style (L, L, Dh) tensor == skew, forward and all gradients, on the same table ({@code R < L}). */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void equalsSkewedRelativeAttention(boolean shared) {
        int b = 2;
        int l = 70;
        int d = 8;
        int h = 2;
        int r = 23;
        RelativeAttention skewed = RelativeFixtures.global(d, h, l, r, shared);
        RelativeAttention pairwise = RelativeFixtures.pairwise(d, h, l, r, shared);
        pairwise.relativeTable().value().copyFrom(skewed.relativeTable().value());
        Mat qkv = AttentionContract.randomQkv(b, l, d, 7);
        Mat dOut = RelativeFixtures.randomDOut(b, l, d, 8);
        RelativeFixtures.Run want = RelativeFixtures.run(skewed, skewed.relativeTable(), qkv, dOut, b, l, d);
        RelativeFixtures.Run got = RelativeFixtures.run(pairwise, pairwise.relativeTable(), qkv, dOut, b, l, d);
        assertArrayEquals(want.out(), got.out(), 1e-12, "forward");
        assertArrayEquals(want.dqkv(), got.dqkv(), 1e-11, "dqkv");
        assertArrayEquals(want.dTable(), got.dTable(), 1e-11, "dTable");
    }

    @Test
    void matchesPairwiseLoopReference() {
        int b = 1;
        int l = 40;
        int d = 8;
        int h = 2;
        int r = 9;
        RelativeAttention a = RelativeFixtures.pairwise(d, h, l, r, false);
        Mat qkv = AttentionContract.randomQkv(b, l, d, 9);
        double[] x = qkv.toArray();
        double[] want = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, r, false));
        assertArrayEquals(want, AttentionContract.forward(a, qkv, b, l, d), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean shared) {
        RelativeAttention a = RelativeFixtures.pairwise(8, 2, 24, 10, shared);
        Param t = a.relativeTable();
        AttentionContract.checkGradients(a, 2, 24, 8, 13, new Mat[] {t.value()}, new Mat[] {t.grad()});
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(RelativeFixtures.pairwise(8, 2, 30, 12, false), 2, 30, 8, 14);
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() {
        AttentionContract.checkIncremental(RelativeFixtures.pairwise(8, 2, 30, 12, true), 2, 30, 8, 15);
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(RelativeFixtures.pairwise(8, 2, 20, 6, false), 2, 20, 8, 16);
    }
}

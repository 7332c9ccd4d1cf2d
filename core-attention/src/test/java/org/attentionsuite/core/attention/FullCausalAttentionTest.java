package org.attentionsuite.core.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.AttentionContract;
import org.attentionsuite.core.testing.NaiveAttention;
import org.junit.jupiter.api.Test;

class FullCausalAttentionTest {
    static Attention make(int d, int h, int maxLength, Precision p) {
        return new FullCausalAttention.Spec().create(new AttentionContext("t", d, h, maxLength, new Params(), p));
    }

    @Test
    void matchesNaiveReferenceAcrossChunkBoundaries() {
        int b = 2;
        int l = 150; // > 2 chunks of 64
        int d = 16;
        int h = 4;
        Mat qkv = AttentionContract.randomQkv(b, l, d, 1);
        double[] got = AttentionContract.forward(make(d, h, l, Precision.FLOAT64), qkv, b, l, d);
        double[] want = NaiveAttention.forward(qkv.toArray(), b, l, d, h, NaiveAttention.causal(), null);
        assertArrayEquals(want, got, 1e-12);
    }

    @Test
    void float32MatchesReferenceToSinglePrecision() {
        int b = 1;
        int l = 70;
        int d = 8;
        int h = 2;
        Mat q64 = AttentionContract.randomQkv(b, l, d, 2);
        Mat q32 = Mat.zeros(Precision.FLOAT32, b * l, 3 * d);
        q32.copyFrom(q64);
        double[] got = AttentionContract.forward(make(d, h, l, Precision.FLOAT32), q32, b, l, d);
        double[] want = NaiveAttention.forward(q32.toArray(), b, l, d, h, NaiveAttention.causal(), null);
        assertArrayEquals(want, got, 1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        AttentionContract.checkGradients(make(8, 2, 80, Precision.FLOAT64), 2, 80, 8, 3, new Mat[0], new Mat[0]);
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(make(8, 2, 70, Precision.FLOAT64), 2, 70, 8, 4);
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() {
        AttentionContract.checkIncremental(make(8, 2, 40, Precision.FLOAT64), 3, 40, 8, 5);
    }

    @Test
    void weightsAreTheReferenceProbabilities() {
        AttentionContract.checkWeights(make(8, 2, 70, Precision.FLOAT64), AttentionContract.randomQkv(2, 70, 8, 7),
                2, 70, 8, 2, NaiveAttention.causal(), null);
    }

    @Test
    void weightsNeedAForwardAndAPositionItHeld() {
        Attention a = make(8, 2, 30, Precision.FLOAT64);
        assertThrows(IllegalStateException.class, () -> a.weights(0, 0));
        AttentionContract.forward(a, AttentionContract.randomQkv(2, 30, 8, 1), 2, 30, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> a.weights(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> a.weights(0, 30));
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(make(8, 2, 30, Precision.FLOAT64), 2, 30, 8, 6);
    }
}

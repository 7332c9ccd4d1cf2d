package org.attentionsuite.music.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.testing.AttentionContract;
import org.attentionsuite.core.testing.NaiveAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeLocalAttentionTest {
    /** Query i sees keys [max(0, ⌊i/Bk⌋·Bk − Bk), i]: previous block + current block, causal (§3.5). */
    static NaiveAttention.Mask localMask(int block) {
        return (i, j) -> j <= i && j >= Math.max(0, i / block * block - block);
    }

    /** Plain loops with the local mask and the pairwise relative logit; L = 75 ends in a partial block. */
    @ParameterizedTest
    @CsvSource({"16, false", "16, true", "1, false", "7, false"})
    void matchesLocalLoopReference(int block, boolean shared) {
        int b = 2;
        int l = 75;
        int d = 8;
        int h = 2;
        int r = 12; // < 2·16 − 1: clipping inside windows
        RelativeLocalAttention a = RelativeFixtures.local(d, h, l, block, r, shared);
        Mat qkv = AttentionContract.randomQkv(b, l, d, 21);
        double[] x = qkv.toArray();
        double[] want = NaiveAttention.forward(x, b, l, d, h, localMask(block),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, r, shared));
        assertArrayEquals(want, AttentionContract.forward(a, qkv, b, l, d), 1e-12);
        double[] global = NaiveAttention.forward(x, b, l, d, h, NaiveAttention.causal(),
                RelativeFixtures.relativeLogits(x, a.relativeTable(), l, d, h, r, shared));
        assertTrue(RelativeFixtures.maxAbsDiff(global, want) > 1e-2, "local mask has no effect: test is vacuous");
    }

    /** Weights: the reference's softmax with relative logits inside the local window, 0 before it. */
    @ParameterizedTest
    @CsvSource({"16, false", "7, true"})
    void weightsAreTheReferenceProbabilitiesInsideTheWindow(int block, boolean shared) {
        int b = 2;
        int l = 75;
        int d = 8;
        int h = 2;
        int r = 12;
        RelativeLocalAttention a = RelativeFixtures.local(d, h, l, block, r, shared);
        Mat qkv = AttentionContract.randomQkv(b, l, d, 24);
        AttentionContract.checkWeights(a, qkv, b, l, d, h, localMask(block),
                RelativeFixtures.relativeLogits(qkv.toArray(), a.relativeTable(), l, d, h, r, shared));
    }

    /** One block covering the sequence is global relative attention: forward and all gradients. */
    @ParameterizedTest
    @ValueSource(ints = {70, 1000})
    void oneBlockEqualsRelativeAttention(int block) {
        int b = 2;
        int l = 70;
        int d = 8;
        int h = 2;
        int r = 25;
        RelativeAttention global = RelativeFixtures.global(d, h, l, r, false);
        RelativeLocalAttention local = RelativeFixtures.local(d, h, l, block, r, false);
        local.relativeTable().value().copyFrom(global.relativeTable().value());
        Mat qkv = AttentionContract.randomQkv(b, l, d, 22);
        Mat dOut = RelativeFixtures.randomDOut(b, l, d, 23);
        RelativeFixtures.Run want = RelativeFixtures.run(global, global.relativeTable(), qkv, dOut, b, l, d);
        RelativeFixtures.Run got = RelativeFixtures.run(local, local.relativeTable(), qkv, dOut, b, l, d);
        assertArrayEquals(want.out(), got.out(), 1e-12, "forward");
        assertArrayEquals(want.dqkv(), got.dqkv(), 1e-11, "dqkv");
        assertArrayEquals(want.dTable(), got.dTable(), 1e-11, "dTable");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientsMatchFiniteDifferences(boolean shared) {
        RelativeLocalAttention a = RelativeFixtures.local(8, 2, 29, 8, 10, shared); // partial last block
        Param t = a.relativeTable();
        AttentionContract.checkGradients(a, 2, 29, 8, 24, new Mat[] {t.value()}, new Mat[] {t.grad()});
    }

    @Test
    void isCausal() {
        AttentionContract.checkCausal(RelativeFixtures.local(8, 2, 45, 8, 12, false), 2, 45, 8, 25);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 100})
    void cachedDecodingEqualsFullRecomputation(int block) {
        AttentionContract.checkIncremental(RelativeFixtures.local(8, 2, 40, block, 12, false), 2, 40, 8, 26);
    }

    @Test
    void leavesInputsUnmodified() {
        AttentionContract.checkInputsUnmodified(RelativeFixtures.local(8, 2, 30, 8, 0, true), 2, 30, 8, 27);
    }
}

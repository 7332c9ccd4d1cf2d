package org.attentionsuite.core.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    final DecoderModel model = new DecoderModel(ModelConfig.of(30, 16, 2, 2, 32, 24), Precision.FLOAT64, 9);

    @Test
    void sameSeedSameOutputDifferentSeedDifferentOutput() {
        Generator g = new Generator(model);
        int[][] primers = {{1, 2}, {3}};
        int[][] a = g.generate(primers, 20, new SamplingConfig(1.5, 0, 1, 7), null, null, null);
        int[][] b = g.generate(primers, 20, new SamplingConfig(1.5, 0, 1, 7), null, null, null);
        int[][] c = g.generate(primers, 20, new SamplingConfig(1.5, 0, 1, 8), null, null, null);
        assertArrayEquals(a, b);
        assertNotEquals(java.util.Arrays.deepToString(a), java.util.Arrays.deepToString(c));
        assertEquals(1, a[0][0]);
        assertEquals(2, a[0][1]);
        assertEquals(3, a[1][0]);
    }

    @Test
    void progressSeesTheSequencesGrowAndTheSameResult() {
        int[][] primers = {{1, 2}, {3}};
        SamplingConfig config = new SamplingConfig(1.5, 0, 1, 7);
        int[][] plain = new Generator(model).generate(primers, 20, config, null, null, null);
        java.util.List<Integer> filled = new java.util.ArrayList<>();
        int[][] seen = new int[2][];
        int[][] watched = new Generator(model).generate(primers, 20, config, null, null, (n, sequences) -> {
            filled.add(n[1]);
            for (int s = 0; s < 2; s++) {
                seen[s] = java.util.Arrays.copyOf(sequences[s], n[s]);
            }
        });
        assertArrayEquals(plain, watched, "a listener changed the samples");
        assertEquals(java.util.stream.IntStream.rangeClosed(2, 20).boxed().toList(), filled);
        assertArrayEquals(plain, seen, "the last call saw every token");
    }

    @Test
    void samplesDoNotDependOnTheWorkersAndEachSequenceHasItsOwnStream() {
        int n = 2 * Generator.CHUNK + 3;                                   // three chunks, the last short
        int[][] primers = new int[n][];
        int[] classes = null;
        for (int s = 0; s < n; s++) {
            primers[s] = new int[] {1 + s % 5};
        }
        SamplingConfig config = new SamplingConfig(1.2, 0, 1, 11);
        int[][] one = new Generator(model).generate(primers, 18, config, classes, null, null);
        for (int workers = 2; workers <= 3; workers++) {
            assertArrayEquals(one, new Generator(model, Workers.threads(workers)).generate(primers, 18, config, classes,
                    null, null), workers + " workers");
        }
        // sequence s's stream is its own: the first sequences come out the same when fewer are asked for
        int[][] fewer = new Generator(model).generate(java.util.Arrays.copyOf(primers, 2), 18, config, null, null, null);
        assertArrayEquals(fewer[1], one[1]);
        assertNotEquals(java.util.Arrays.toString(one[0]), java.util.Arrays.toString(one[5]),
                "sequences with the same primer differ");
    }

    @Test
    void aCancelledChunkStopsTheOthers() {
        int n = 3 * Generator.CHUNK;
        int[][] primers = new int[n][];
        for (int s = 0; s < n; s++) {
            primers[s] = new int[] {1};
        }
        int[] calls = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> new Generator(model, Workers.threads(3))
                .generate(primers, 20, SamplingConfig.of(1), null, null, (f, sequences) -> {
                    if (++calls[0] == 4) {
                        throw new java.util.concurrent.CancellationException("stop");
                    }
                }));
        assertTrue(calls[0] < 3 * 19, "the chunks stopped early: " + calls[0] + " calls");
    }

    @Test
    void aListenerThatThrowsCancellationStopsTheGeneration() {
        int[] calls = {0};
        assertThrows(java.util.concurrent.CancellationException.class, () -> new Generator(model).generate(
                new int[][] {{1}}, 20, SamplingConfig.of(1), null, null, (n, sequences) -> {
                    if (++calls[0] == 3) {
                        throw new java.util.concurrent.CancellationException("stop");
                    }
                }));
        assertEquals(3, calls[0], "no step after the cancellation");
    }

    @Test
    void greedyCachedGenerationEqualsArgmaxOfFullRecomputation() {
        int[][] out = new Generator(model).generate(new int[][] {{5}}, 16, new SamplingConfig(0, 0, 1, 1), null, null,
                null);
        // Recompute: for each prefix, a full forward and the argmax of its last position.
        for (int t = 1; t < 16; t++) {
            int[] in = java.util.Arrays.copyOf(out[0], t);
            model.forward(new Batch(in, new int[t], 1, t, null), false);
            double best = Double.NEGATIVE_INFINITY;
            int arg = -1;
            for (int j = 0; j < 30; j++) {
                double v = model.logits().get(t - 1, j);
                if (v > best) {
                    best = v;
                    arg = j;
                }
            }
            assertEquals(arg, out[0][t], "token " + t);
        }
    }

    @Test
    void topKAndTopPRestrictTheSupport() {
        double[] logits = {0.0, 3.0, 2.9, -1.0, 2.8, -5.0};
        Random rng = new Random(1);
        Set<Integer> seenK = new HashSet<>();
        TokenSampler k2 = TokenSampler.categorical(1.0, 2, 1.0);
        for (int i = 0; i < 2000; i++) {
            seenK.add(k2.sample(logits, rng));
        }
        assertEquals(Set.of(1, 2), seenK);
        // p(1)≈0.36, p(2)≈0.33, p(4)≈0.30: the nucleus of 0.6 is {1, 2}.
        Set<Integer> seenP = new HashSet<>();
        TokenSampler p6 = TokenSampler.categorical(1.0, 0, 0.6);
        for (int i = 0; i < 2000; i++) {
            seenP.add(p6.sample(logits, rng));
        }
        assertEquals(Set.of(1, 2), seenP);
        // Full sampling reaches the unlikely tokens too.
        Set<Integer> all = new HashSet<>();
        TokenSampler full = TokenSampler.categorical(1.0, 0, 1.0);
        for (int i = 0; i < 20000; i++) {
            all.add(full.sample(logits, rng));
        }
        assertTrue(all.containsAll(Set.of(0, 1, 2, 3, 4)), all.toString());
        assertEquals(1, TokenSampler.argmax().sample(logits, rng));
    }

    /**
     * A forbidden token (logit −∞, e.g. PAD, or START in an image) has probability 0 and is never
     * drawn, even when the rounding of the draw's walk over the probabilities leaves something of
     * it: here token 0 holds 1 and three tokens 0.6 ulp(1) each, so their sum rounds up to
     * {@code 1 + 3 ulp} and the largest draw {@code Random.nextDouble} can give, {@code 1 − 2⁻⁵³}, is
     * still positive after all four are taken from it.
     */
    @Test
    void aTokenOfZeroProbabilityIsNeverDrawn() {
        double tiny = Math.log(0.6 * Math.ulp(1.0));
        double[] logits = {0, tiny, tiny, tiny, Double.NEGATIVE_INFINITY};
        Random last = new Random() {
            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);                                 // (2^53 − 1)·2^−53, a possible draw
            }
        };
        assertEquals(3, TokenSampler.categorical(1.0, 0, 1.0).sample(logits, last));
    }

    @Test
    void lowTemperatureConcentratesOnTheMode() {
        double[] logits = {0.0, 1.0, 0.5};
        Random rng = new Random(3);
        int hits = 0;
        TokenSampler cold = TokenSampler.categorical(0.05, 0, 1.0);
        for (int i = 0; i < 1000; i++) {
            hits += cold.sample(logits, rng) == 1 ? 1 : 0;
        }
        assertTrue(hits > 990, "hits " + hits);
    }

    @Test
    void badSamplingSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(-1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, -2, 1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SamplingConfig(1, 0, 0, 0));
        assertTrue(e.getMessage().contains("top-p"));
    }
}

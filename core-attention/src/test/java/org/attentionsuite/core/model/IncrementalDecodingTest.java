package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cached decoding equals recomputation: feeding a sequence one token at a time through
 * {@link DecoderModel#step} gives, at every position, the logits that {@link DecoderModel#forward}
 * computes for the whole sequence.
 */
class IncrementalDecodingTest {
    private static final int BATCH = 2;
    private static final int LENGTH = 9;

    static Stream<Arguments> configs() {
        ModelConfig s = ModelFixtures.SMALL;
        return Stream.of(
                Arguments.of("pre-norm", s),
                Arguments.of("post-norm", s.withNorm(NormPlacement.POST)),
                Arguments.of("learned positions", s.withPosition(new Positions.Learned())),
                Arguments.of("tied output", s.withTiedOutput(true)),
                Arguments.of("class-conditional", s.withConditionClasses(3)),
                Arguments.of("post-norm, gelu, learned, tied, conditional", s.withNorm(NormPlacement.POST)
                        .withActivation(Activation.GELU).withPosition(new Positions.Learned()).withTiedOutput(true)
                        .withConditionClasses(3)),
                Arguments.of("three layers", s.withSize(8, 4, 3, 16)));
    }

    /** Largest |step logit − forward logit| over all positions and sequences. */
    private static double maxStepError(ModelConfig config, Precision precision, int capacity) {
        DecoderModel model = ModelFixtures.randomModel(config, precision, 41);
        Batch batch = ModelFixtures.randomBatch(config, BATCH, LENGTH, 141, false);
        model.forward(batch, false);
        double[][] full = ModelFixtures.rows(model.logits());      // (B·L, V)

        DecodingState state = model.newDecodingState(BATCH, capacity, batch.conditions());
        double worst = 0;
        for (int t = 0; t < LENGTH; t++) {
            assertEquals(t, state.position());
            int[] ids = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                ids[b] = batch.inputs()[b * LENGTH + t];
            }
            Mat logits = model.step(state, ids);                   // (B, V)
            for (int b = 0; b < BATCH; b++) {
                for (int v = 0; v < config.vocabSize(); v++) {
                    worst = Math.max(worst, Math.abs(logits.get(b, v) - full[b * LENGTH + t][v]));
                }
            }
        }
        assertEquals(LENGTH, state.position());
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void float64StepEqualsForward(String name, ModelConfig config) {
        double err = maxStepError(config, Precision.FLOAT64, LENGTH);
        assertEquals(0.0, err, 1e-9, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void float64StepEqualsForwardWithSpareCapacity(String name, ModelConfig config) {
        assertEquals(0.0, maxStepError(config, Precision.FLOAT64, config.maxLength()), 1e-9, name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void float32StepEqualsForward(String name, ModelConfig config) {
        assertEquals(0.0, maxStepError(config, Precision.FLOAT32, LENGTH), 1e-4, name);
    }

    @Test
    void forwardAfterDecodingIsUnaffected() {
        // decoding must not disturb the model's own training buffers
        ModelConfig config = ModelFixtures.SMALL;
        DecoderModel model = ModelFixtures.randomModel(config, Precision.FLOAT64, 42);
        Batch batch = ModelFixtures.randomBatch(config, BATCH, LENGTH, 142, false);
        double loss = model.forward(batch, false);
        double[] logits = model.logits().toArray();
        DecodingState state = model.newDecodingState(1, 4, null);
        Mat first = model.step(state, new int[] {3});
        Mat second = model.step(state, new int[] {5});
        assertSame(first, second, "the returned window is reused by the next call");
        assertEquals(loss, model.forward(batch, false), 0.0);
        double[] again = model.logits().toArray();
        for (int i = 0; i < logits.length; i++) {
            assertEquals(logits[i], again[i], 0.0);
        }
    }
}

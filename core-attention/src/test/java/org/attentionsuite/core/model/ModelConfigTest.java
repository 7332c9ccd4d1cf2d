package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad configurations fail at construction with a message that names the problem. */
class ModelConfigTest {
    private static final ModelConfig BASE = ModelConfig.of(100, 256, 8, 2, 512, 64);

    private static String failure(Supplier<?> build) {
        return assertThrows(IllegalArgumentException.class, build::get).getMessage();
    }

    @Test
    void headsMustDivideModelWidth() {
        String msg = failure(() -> ModelConfig.of(100, 256, 6, 2, 512, 64));
        assertTrue(msg.contains("--heads (6) must divide --d-model (256)"), msg);
        msg = failure(() -> BASE.withSize(256, 6, 2, 512));
        assertTrue(msg.contains("--heads (6) must divide --d-model (256)"), msg);
    }

    static Stream<Arguments> nonPositiveSizes() {
        return Stream.of(
                Arguments.of("vocabSize", (Supplier<?>) () -> BASE.withVocabSize(0)),
                Arguments.of("--d-model", (Supplier<?>) () -> BASE.withSize(0, 8, 2, 512)),
                Arguments.of("--heads", (Supplier<?>) () -> BASE.withSize(256, 0, 2, 512)),
                Arguments.of("--heads", (Supplier<?>) () -> BASE.withSize(256, -8, 2, 512)),
                Arguments.of("--layers", (Supplier<?>) () -> BASE.withSize(256, 8, 0, 512)),
                Arguments.of("ffnDim", (Supplier<?>) () -> BASE.withSize(256, 8, 2, -1)),
                Arguments.of("maxLength", (Supplier<?>) () -> BASE.withMaxLength(0)),
                Arguments.of("conditionClasses", (Supplier<?>) () -> BASE.withConditionClasses(-1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonPositiveSizes")
    void nonPositiveSizesNameTheField(String field, Supplier<?> build) {
        String msg = failure(build);
        assertTrue(msg.startsWith(field + " (") || msg.contains(", " + field + " (") || msg.contains(" and " + field
                + " ("), msg);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void dropoutOutOfRangeIsRejected(double rate) {
        String msg = failure(() -> BASE.withDropout(rate));
        assertTrue(msg.contains("dropout") && msg.contains("[0, 1)"), msg);
    }

    @Test
    void dropoutInRangeIsAccepted() {
        assertEquals(0.0, BASE.withDropout(0.0).dropout());
        assertEquals(0.99, BASE.withDropout(0.99).dropout());
    }

    @Test
    void missingComponentsAreRejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> BASE.withNorm(null));
        assertTrue(e.getMessage().contains("norm"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> BASE.withPosition(null));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }

    @Test
    void withCopiesChangeOneFieldOnly() {
        ModelConfig c = BASE.withNorm(NormPlacement.POST).withActivation(Activation.GELU).withDropout(0.1)
                .withTiedOutput(true).withConditionClasses(4).withPosition(new Positions.Learned())
                .withVocabSize(50).withMaxLength(32);
        ModelConfig want = new ModelConfig(50, 256, 8, 2, 512, 32, 0.1, NormPlacement.POST, Activation.GELU,
                new Positions.Learned(), new FullCausalAttention.Spec(), true, 4);
        assertEquals(want, c);
        assertEquals(32, c.headDim());
        assertEquals(new ModelConfig(50, 128, 4, 3, 64, 32, 0.1, NormPlacement.POST, Activation.GELU,
                new Positions.Learned(), new FullCausalAttention.Spec(), true, 4), c.withSize(128, 4, 3, 64));
    }

    @Test
    void modelSizeIsValidatedOnceWithTheOptionNames() {
        String msg = failure(() -> new ModelSize(100, 3, 2, 0.0));
        assertTrue(msg.contains("--heads (3) must divide --d-model (100)"), msg);
        assertTrue(failure(() -> ModelConfig.of(10, 100, 3, 2, 64, 8)).contains("--heads (3)"));
        assertTrue(failure(() -> new ModelSize(64, 4, 2, 1.0)).contains("--dropout"));
        ModelSize s = ModelSize.small();
        assertEquals(new ModelSize(256, 8, 4, 0.0), s);
        assertEquals(1024, s.ffnDim());
        assertEquals(ModelConfig.of(390, 128, 4, 2, 512, 256), ModelConfig.of(390, ModelSize.tiny(), 256));
        assertEquals(ModelSize.tiny().withDropout(0.1), ModelConfig.of(390, ModelSize.tiny(), 256).withDropout(0.1)
                .size());
    }

    @Test
    void parameterBoundCoversTheBuiltModel() {
        for (ModelConfig c : new ModelConfig[] {ModelFixtures.SMALL, ModelConfig.of(390, ModelSize.tiny(), 64)}) {
            DecoderModel m = new DecoderModel(c, Precision.FLOAT32, 1);
            assertTrue(c.parameterBound() >= m.parameterCount(), c.parameterBound() + " < " + m.parameterCount());
        }
    }

    @Test
    void decodingBeyondMaxLengthIsRejected() {
        ModelConfig config = ModelFixtures.SMALL;                    // maxLength 12
        DecoderModel model = new DecoderModel(config, Precision.FLOAT64, 1);
        String msg = failure(() -> model.newDecodingState(1, 13, null));
        assertTrue(msg.contains("13") && msg.contains("maxLength"), msg);

        DecodingState state = model.newDecodingState(1, 12, null);
        for (int t = 0; t < 12; t++) {
            model.step(state, new int[] {t % config.vocabSize()});
        }
        RuntimeException e = assertThrows(RuntimeException.class, () -> model.step(state, new int[] {0}));
        assertTrue(e.getMessage().contains("12"), e.getMessage());

        DecodingState small = model.newDecodingState(1, 3, null);
        for (int t = 0; t < 3; t++) {
            model.step(small, new int[] {1});
        }
        e = assertThrows(RuntimeException.class, () -> model.step(small, new int[] {1}));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void forwardBeyondMaxLengthIsRejected() {
        DecoderModel model = new DecoderModel(ModelFixtures.SMALL, Precision.FLOAT64, 1);
        Batch tooLong = new Batch(new int[13], new int[13], 1, 13, null);
        String msg = failure(() -> model.forward(tooLong, false));
        assertTrue(msg.contains("13") && msg.contains("maxLength"), msg);
    }

    @Test
    void classConditionalModelNeedsClasses() {
        DecoderModel model = new DecoderModel(ModelFixtures.SMALL.withConditionClasses(2), Precision.FLOAT64, 1);
        String msg = failure(() -> model.newDecodingState(2, 4, null));
        assertTrue(msg.contains("class"), msg);
        msg = failure(() -> model.forward(new Batch(new int[4], new int[4], 1, 4, null), false));
        assertTrue(msg.contains("class"), msg);
    }
}

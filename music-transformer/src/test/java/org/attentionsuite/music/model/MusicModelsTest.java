package org.attentionsuite.music.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;
import org.junit.jupiter.api.Test;

class MusicModelsTest {
    private static final ModelSize SIZE = new ModelSize(32, 4, 1, 0.0);

    @Test
    void eachVariantGetsItsAttentionAndPositions() {
        ModelConfig rel = MusicModels.performance(MusicAttention.RELATIVE, SIZE, 96);
        assertEquals(390, rel.vocabSize());
        assertEquals(96, rel.maxLength());
        assertInstanceOf(Positions.None.class, rel.position());
        assertEquals(new RelativeAttention.Spec(96, false), rel.attention());

        ModelConfig abs = MusicModels.chorales(MusicAttention.ABSOLUTE, SIZE, 96);
        assertEquals(131, abs.vocabSize());
        assertInstanceOf(Positions.Sinusoidal.class, abs.position());
        assertInstanceOf(FullCausalAttention.Spec.class, abs.attention());

        ModelConfig local = MusicModels.performance(MusicAttention.RELATIVE_LOCAL, SIZE, 256);
        assertInstanceOf(Positions.None.class, local.position());
        assertEquals(new RelativeLocalAttention.Spec(128, 256, false), local.attention());
        assertEquals(4 * 32, local.ffnDim());
    }

    @Test
    void parametersDoNotDependOnTheMaximumLengthSoGenerationCanGoFurther() {
        for (MusicAttention a : MusicAttention.values()) {
            ModelConfig c = MusicModels.performance(a, SIZE, 64);
            int trained = new DecoderModel(c, Precision.FLOAT32, 1).parameterCount();
            int longer = new DecoderModel(c.withMaxLength(300), Precision.FLOAT32, 1).parameterCount();
            assertEquals(trained, longer, a.id());
        }
        // the check is not vacuous: a table sized by maxLength would change the count
        ModelConfig sized = MusicModels.performance(MusicAttention.RELATIVE, SIZE, 64)
                .withAttention(new RelativeAttention.Spec(0, false));
        assertNotEquals(new DecoderModel(sized, Precision.FLOAT32, 1).parameterCount(),
                new DecoderModel(sized.withMaxLength(300), Precision.FLOAT32, 1).parameterCount());
    }

    @Test
    void namesParseAndBadValuesSayWhatIsKnown() {
        for (MusicAttention a : MusicAttention.values()) {
            assertEquals(a, MusicAttention.parse(a.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MusicAttention.parse("local"));
        assertEquals("--attention 'local' is unknown (known: relative, relative-shared, absolute, relative-local, "
                + "relative-pairwise)", e.getMessage());
        assertEquals(MusicAttention.RELATIVE, MusicAttention.parse("relative-skewed"), "the sweep's old name");
        assertEquals(new RelativeAttention.Spec(96, true), MusicAttention.RELATIVE_SHARED.spec(96));
    }

    @Test
    void tokenSchemesAreTyped() {
        assertEquals(MusicEncoding.PERFORMANCE, MusicTokens.of(MusicEncoding.PERFORMANCE).encoding());
        assertEquals("nats/token", MusicTokens.of(MusicEncoding.CHORALE).lossUnit().label());
    }
}

package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;

class AttentionMapTest {
    final DecoderModel model = new DecoderModel(ModelConfig.of(30, 16, 4, 3, 32, 24), Precision.FLOAT64, 5);

    @Test
    void everyLayerAndHeadIsARowOfProbabilitiesUpToTheQuery() {
        int[] tokens = {1, 5, 9, 2, 7, 7, 3, 0, 4, 11};
        AttentionMap map = AttentionMap.of(model, tokens, 0, 6);
        assertEquals(3, map.layers());
        assertEquals(4, map.heads());
        for (int layer = 0; layer < 3; layer++) {
            double[] mean = new double[7];
            for (double[] head : map.weights()[layer]) {
                assertEquals(7, head.length);
                assertEquals(1.0, java.util.Arrays.stream(head).sum(), 1e-12);
                for (int j = 0; j < 7; j++) {
                    mean[j] += head[j] / 4;
                }
            }
            assertArrayEquals(mean, map.mean(layer), 1e-15);
        }
        // the query's weights do not depend on what comes after it (causal), but on what comes before
        int[] later = tokens.clone();
        later[9] = 20;
        assertArrayEquals(map.weights()[2][1], AttentionMap.of(model, later, 0, 6).weights()[2][1], 1e-12);
        int[] earlier = tokens.clone();
        earlier[2] = 20;
        assertEquals(false, java.util.Arrays.equals(map.weights()[2][1], AttentionMap.of(model, earlier, 0, 6)
                .weights()[2][1]));
    }

    @Test
    void aSequenceOrQueryOutsideTheModelIsTheUsersMistake() {
        int[] tokens = {1, 5, 9, 2};
        assertEquals("query position 4 is outside the sequence (0..3)",
                assertThrows(UserError.class, () -> AttentionMap.of(model, tokens, 0, 4)).getMessage());
        assertEquals("query position -1 is outside the sequence (0..3)",
                assertThrows(UserError.class, () -> AttentionMap.of(model, tokens, 0, -1)).getMessage());
        assertEquals("token 30 at position 2 is not one of the model's ids 0..29",
                assertThrows(UserError.class, () -> AttentionMap.of(model, new int[] {1, 5, 30}, 0, 1)).getMessage());
        assertEquals("token -1 at position 0 is not one of the model's ids 0..29",
                assertThrows(UserError.class, () -> AttentionMap.of(model, new int[] {-1}, 0, 0)).getMessage());
        assertEquals("no tokens to look at",
                assertThrows(UserError.class, () -> AttentionMap.of(model, new int[0], 0, -1)).getMessage());
    }
}

package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decoder must not see the future: changing input token {@code t} of one sequence leaves every
 * logit at positions {@code < t} (and every logit of the other sequences) unchanged, and does change
 * some logit at positions {@code >= t}.
 */
class CausalityTest {
    private static final int BATCH = 2;
    private static final int LENGTH = 9;

    @ParameterizedTest
    @EnumSource(NormPlacement.class)
    void changingTokenTOnlyAffectsPositionsFromT(NormPlacement norm) {
        ModelConfig config = ModelFixtures.SMALL.withNorm(norm);
        DecoderModel model = ModelFixtures.randomModel(config, Precision.FLOAT64, 21);
        Batch base = ModelFixtures.randomBatch(config, BATCH, LENGTH, 121, false);
        model.forward(base, false);
        double[][] before = ModelFixtures.rows(model.logits());    // (B·L, V)
        int v = config.vocabSize();
        int seq = 1;                                                 // change the second sequence
        for (int t = 0; t < LENGTH; t++) {
            int[] inputs = base.inputs().clone();
            int row = seq * LENGTH + t;
            inputs[row] = (inputs[row] + 1 + t % (v - 1)) % v;      // a different token
            model.forward(new Batch(inputs, base.targets(), BATCH, LENGTH, null), false);
            double[][] after = ModelFixtures.rows(model.logits());
            double changedAtOrAfter = 0;
            for (int b = 0; b < BATCH; b++) {
                for (int i = 0; i < LENGTH; i++) {
                    int r = b * LENGTH + i;
                    for (int k = 0; k < v; k++) {
                        double diff = Math.abs(after[r][k] - before[r][k]);
                        if (b != seq || i < t) {
                            assertEquals(before[r][k], after[r][k], 1e-12,
                                    norm + ": token " + t + " of sequence " + seq + " changed logit of sequence "
                                            + b + " position " + i);
                        } else {
                            changedAtOrAfter = Math.max(changedAtOrAfter, diff);
                        }
                    }
                }
            }
            assertTrue(changedAtOrAfter > 1e-6, norm + ": changing token " + t + " changed nothing at >= " + t);
        }
    }
}

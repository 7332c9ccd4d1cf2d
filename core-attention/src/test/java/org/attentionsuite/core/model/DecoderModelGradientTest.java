package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

/**
 * Float64 finite differences of the mean cross-entropy w.r.t. every parameter of the model (a few
 * sampled elements of each), for each architectural option.
 */
class DecoderModelGradientTest {
    private static final int SAMPLES = 4;
    private static final int BATCH = 2;
    private static final int LENGTH = 5;
    private static final double FD_STEP = 1e-5;

    /**
     * Below this, a correct analytic gradient cannot meet the relative bound: central differences
     * with step 1e-5 on a loss of about 2 nats carry about 1e-11 of float64 round-off, which is
     * 1e-6 of a 1e-5 gradient. Such elements get an absolute check instead ({@link #ABSOLUTE}).
     */
    private static final double RELATIVE_FLOOR = 1e-4;
    private static final double ABSOLUTE = 1e-8;

    /**
     * Runs forward + backward once, then checks a few sampled elements of every parameter against
     * central differences of {@code forward(batch, false)}: elements with a sizeable gradient with
     * {@link GradCheck} (relative 1e-6), a few others (unused embedding rows, the key bias, …)
     * to {@link #ABSOLUTE}, which still catches a gradient that was never accumulated.
     *
     * @return number of parameters checked
     */
    private static int checkAllParameters(ModelConfig config, long seed) {
        DecoderModel model = ModelFixtures.randomModel(config, Precision.FLOAT64, seed);
        Batch batch = ModelFixtures.randomBatch(config, BATCH, LENGTH, seed + 100, true);
        model.params().zeroGrads();
        model.forward(batch, true);
        model.backward();
        DoubleSupplier loss = () -> model.forward(batch, false);
        Random rng = new Random(seed);
        int d = config.dModel();
        int checked = 0;
        for (Param p : model.params().all()) {
            Mat value = p.value();
            Mat grad = p.grad();
            List<int[]> sizeable = new ArrayList<>();
            List<int[]> tiny = new ArrayList<>();
            for (int r = 0; r < value.rows(); r++) {
                for (int c = 0; c < value.cols(); c++) {
                    (Math.abs(grad.get(r, c)) >= RELATIVE_FLOOR ? sizeable : tiny).add(new int[] {r, c});
                }
            }
            assertFalse(sizeable.isEmpty(), p.name() + " has no gradient of any size");
            Collections.shuffle(sizeable, rng);
            Collections.shuffle(tiny, rng);
            for (int[] e : sizeable.subList(0, Math.min(SAMPLES, sizeable.size()))) {
                String what = p.name() + "[" + e[0] + "," + e[1] + "]";
                GradCheck.check(what, value.rows(e[0], 1).cols(e[1], 1), grad.rows(e[0], 1).cols(e[1], 1), loss, 1, 0);
            }
            for (int[] e : tiny.subList(0, Math.min(SAMPLES, tiny.size()))) {
                double orig = value.get(e[0], e[1]);
                value.set(e[0], e[1], orig + FD_STEP);
                double up = loss.getAsDouble();
                value.set(e[0], e[1], orig - FD_STEP);
                double down = loss.getAsDouble();
                value.set(e[0], e[1], orig);
                assertEquals((up - down) / (2 * FD_STEP), grad.get(e[0], e[1]), ABSOLUTE,
                        p.name() + "[" + e[0] + "," + e[1] + "] (small gradient)");
            }
            if (p.name().endsWith(".qkv.bias")) {
                // Q | K | V: a key bias adds q_i·b_K to every score of row i, which softmax ignores
                for (int j = 0; j < d; j++) {
                    assertEquals(0.0, grad.get(0, d + j), 1e-12, p.name() + "[K] gradient must vanish");
                }
            }
            checked++;
        }
        return checked;
    }

    @Test
    void preNormDefault() {
        assertEquals(29, checkAllParameters(ModelFixtures.SMALL, 1));
    }

    @Test
    void postNorm() {
        assertEquals(27, checkAllParameters(ModelFixtures.SMALL.withNorm(NormPlacement.POST), 2));
    }

    @Test
    void gelu() {
        assertEquals(29, checkAllParameters(ModelFixtures.SMALL.withActivation(Activation.GELU), 3));
        assertEquals(27, checkAllParameters(
                ModelFixtures.SMALL.withActivation(Activation.GELU).withNorm(NormPlacement.POST), 4));
    }

    @Test
    void tiedOutput() {
        assertEquals(27, checkAllParameters(ModelFixtures.SMALL.withTiedOutput(true), 5));
        assertEquals(25, checkAllParameters(ModelFixtures.SMALL.withTiedOutput(true).withNorm(NormPlacement.POST), 6));
    }

    @Test
    void learnedPositions() {
        assertEquals(30, checkAllParameters(ModelFixtures.SMALL.withPosition(new Positions.Learned()), 7));
    }

    @Test
    void classConditional() {
        assertEquals(30, checkAllParameters(ModelFixtures.SMALL.withConditionClasses(3), 8));
    }

    @Test
    void gradientsAccumulateUntilZeroed() {
        DecoderModel model = ModelFixtures.randomModel(ModelFixtures.SMALL, Precision.FLOAT64, 9);
        Batch batch = ModelFixtures.randomBatch(ModelFixtures.SMALL, BATCH, LENGTH, 109, true);
        model.params().zeroGrads();
        model.forward(batch, true);
        model.backward();
        double[] once = model.params().grads().whole().toArray();
        model.forward(batch, true);
        model.backward();
        double[] twice = model.params().grads().whole().toArray();
        double norm = 0;
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-12 * (1 + Math.abs(once[i])), "element " + i);
            norm += once[i] * once[i];
        }
        assertTrue(norm > 1e-6, "a non-zero gradient");
        model.params().zeroGrads();
        for (double g : model.params().grads().whole().toArray()) {
            assertEquals(0.0, g, 0.0);
        }
    }

    @Test
    void dropoutZeroTrainsLikeEval() {
        DecoderModel model = ModelFixtures.randomModel(ModelFixtures.SMALL.withDropout(0.0), Precision.FLOAT64, 10);
        Batch batch = ModelFixtures.randomBatch(ModelFixtures.SMALL, BATCH, LENGTH, 110, true);
        double eval = model.forward(batch, false);
        double[] evalLogits = model.logits().toArray();
        double train = model.forward(batch, true);
        double[] trainLogits = model.logits().toArray();
        assertEquals(eval, train, 0.0);
        for (int i = 0; i < evalLogits.length; i++) {
            assertEquals(evalLogits[i], trainLogits[i], 0.0);
        }
    }

    @Test
    void dropoutChangesTrainingForwardOnly() {
        ModelConfig withDropout = ModelFixtures.SMALL.withDropout(0.5);
        DecoderModel model = ModelFixtures.randomModel(withDropout, Precision.FLOAT64, 11);
        DecoderModel plain = ModelFixtures.randomModel(ModelFixtures.SMALL, Precision.FLOAT64, 11);
        Batch batch = ModelFixtures.randomBatch(withDropout, BATCH, LENGTH, 111, true);
        double eval = model.forward(batch, false);
        double train1 = model.forward(batch, true);
        double train2 = model.forward(batch, true);
        double evalAgain = model.forward(batch, false);
        assertNotEquals(eval, train1, "training with dropout 0.5 must differ from eval");
        assertNotEquals(train1, train2, "each training pass draws fresh masks");
        assertEquals(eval, evalAgain, 0.0, "eval is deterministic");
        assertEquals(plain.forward(batch, false), eval, 0.0, "eval ignores the dropout rate");
    }
}

package org.attentionsuite.core.model;

import java.util.Random;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/** Small models with non-trivial weights and random batches, shared by the model tests. */
final class ModelFixtures {
    /** vocab 11, d 8, heads 2, layers 2, ffn 16, maxLength 12. */
    static final ModelConfig SMALL = ModelConfig.of(11, 8, 2, 2, 16, 12);

    private ModelFixtures() {
    }

    /**
     * A model whose every parameter is random: gains {@code 1 + N(0, 0.3²)}, everything else
     * {@code N(0, 0.4²)}, so zero-initialised biases or unit gains cannot hide a mix-up. The same seed
     * gives the same values (rounded) in float32 and float64.
     */
    static DecoderModel randomModel(ModelConfig config, Precision precision, long seed) {
        DecoderModel m = new DecoderModel(config, precision, seed);
        Random rng = new Random(seed * 31 + 7);
        for (Param p : m.params().all()) {
            Mat v = p.value();
            boolean gain = p.name().endsWith(".gamma");
            for (int r = 0; r < v.rows(); r++) {
                for (int c = 0; c < v.cols(); c++) {
                    double g = rng.nextGaussian();
                    v.set(r, c, gain ? 1 + 0.3 * g : 0.4 * g);
                }
            }
        }
        return m;
    }

    /**
     * Random inputs and targets; target {@code 2} of sequence 0 is negative (ignored) when asked;
     * one class per sequence when the config is class-conditional.
     */
    static Batch randomBatch(ModelConfig config, int batch, int length, long seed, boolean withIgnored) {
        Random rng = new Random(seed);
        int[] in = new int[batch * length];
        int[] tg = new int[batch * length];
        for (int i = 0; i < in.length; i++) {
            in[i] = rng.nextInt(config.vocabSize());
            tg[i] = rng.nextInt(config.vocabSize());
        }
        if (withIgnored) {
            tg[2] = -1;
        }
        int[] cond = null;
        if (config.conditionClasses() > 0) {
            cond = new int[batch];
            for (int b = 0; b < batch; b++) {
                cond[b] = (b + 1) % config.conditionClasses();
            }
        }
        return new Batch(in, tg, batch, length, cond);
    }

    static Param param(DecoderModel m, String name) {
        return m.params().all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("model has no parameter " + name));
    }

    /** A copy of a window as {@code double[rows][cols]}. */
    static double[][] rows(Mat m) {
        double[][] out = new double[m.rows()][m.cols()];
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                out[r][c] = m.get(r, c);
            }
        }
        return out;
    }
}

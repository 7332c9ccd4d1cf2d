package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.junit.jupiter.api.Test;

/**
 * The whole decoder against a plain-loop reference written below from the papers' equations (no
 * engine code: only the weights are read, by name), in float64 to 1e-9.
 */
class DecoderModelReferenceTest {
    private static final double TOL = 1e-9;
    private static final int BATCH = 2;
    private static final int LENGTH = 9;

    /**
     * A naive decoder-only Transformer over {@code double[L][D]} arrays, one sequence at a time.
     * Records which parameters it read, so a parameter the model owns but the reference never uses
     * (or the other way round) is caught.
     */
    private static final class Reference {
        private final ModelConfig c;
        private final Map<String, double[][]> weights = new HashMap<>();
        private final Set<String> used = new HashSet<>();

        Reference(DecoderModel model) {
            this.c = model.config();
            for (Param p : model.params().all()) {
                weights.put(p.name(), ModelFixtures.rows(p.value()));
            }
        }

        double[][] w(String name) {
            double[][] v = weights.get(name);
            if (v == null) {
                throw new AssertionError("model has no parameter " + name);
            }
            used.add(name);
            return v;
        }

        /** Logits {@code (B·L, V)}, rows batch-major. */
        double[][] logits(int[] inputs, int batch, int length, int[] conditions) {
            double[][] out = new double[batch * length][];
            for (int b = 0; b < batch; b++) {
                double[][] x = embed(inputs, b, length, conditions);
                for (int i = 0; i < c.layers(); i++) {
                    x = c.norm() == NormPlacement.PRE ? preNormBlock(x, "block" + i) : postNormBlock(x, "block" + i);
                }
                if (c.norm() == NormPlacement.PRE) {
                    x = layerNorm(x, w("final.ln.gamma")[0], w("final.ln.beta")[0]);
                }
                double[][] logits;
                if (c.tiedOutput()) {
                    double[][] e = w("token");                  // (V, D): logits = h·Eᵀ
                    logits = new double[length][c.vocabSize()];
                    for (int t = 0; t < length; t++) {
                        for (int v = 0; v < c.vocabSize(); v++) {
                            for (int j = 0; j < c.dModel(); j++) {
                                logits[t][v] += x[t][j] * e[v][j];
                            }
                        }
                    }
                } else {
                    logits = affine(x, w("output.weight"), w("output.bias")[0]);
                }
                for (int t = 0; t < length; t++) {
                    out[b * length + t] = logits[t];
                }
            }
            return out;
        }

        /** {@code x[t] = s·E[token] + PE(t) (+ learned P[t]) (+ C[class])}, {@code s = √D} with sinusoids. */
        private double[][] embed(int[] inputs, int b, int length, int[] conditions) {
            int d = c.dModel();
            double[][] e = w("token");
            double[][] x = new double[length][d];
            for (int t = 0; t < length; t++) {
                int tok = inputs[b * length + t];
                double s = c.position() instanceof Positions.Sinusoidal ? Math.sqrt(d) : 1.0;
                for (int j = 0; j < d; j++) {
                    x[t][j] = s * e[tok][j];
                }
                if (c.position() instanceof Positions.Sinusoidal) {
                    // PE(pos, 2k) = sin(pos / 10000^(2k/D)), PE(pos, 2k+1) = cos(pos / 10000^(2k/D))
                    for (int k = 0; 2 * k < d; k++) {
                        double angle = t / Math.pow(10000.0, 2.0 * k / d);
                        x[t][2 * k] += Math.sin(angle);
                        if (2 * k + 1 < d) {
                            x[t][2 * k + 1] += Math.cos(angle);
                        }
                    }
                } else if (c.position() instanceof Positions.Learned) {
                    double[][] p = w("position");
                    for (int j = 0; j < d; j++) {
                        x[t][j] += p[t][j];
                    }
                }
                if (c.conditionClasses() > 0) {
                    double[][] cls = w("class");
                    for (int j = 0; j < d; j++) {
                        x[t][j] += cls[conditions[b]][j];
                    }
                }
            }
            return x;
        }

        /** {@code m = x + Attn(LN1(x))}, {@code y = m + FFN(LN2(m))}. */
        private double[][] preNormBlock(double[][] x, String n) {
            double[][] h = layerNorm(x, w(n + ".ln1.gamma")[0], w(n + ".ln1.beta")[0]);
            double[][] m = add(x, selfAttention(h, n));
            double[][] h2 = layerNorm(m, w(n + ".ln2.gamma")[0], w(n + ".ln2.beta")[0]);
            return add(m, feedForward(h2, n));
        }

        /** {@code m = LN1(x + Attn(x))}, {@code y = LN2(m + FFN(m))}. */
        private double[][] postNormBlock(double[][] x, String n) {
            double[][] m = layerNorm(add(x, selfAttention(x, n)), w(n + ".ln1.gamma")[0], w(n + ".ln1.beta")[0]);
            return layerNorm(add(m, feedForward(m, n)), w(n + ".ln2.gamma")[0], w(n + ".ln2.beta")[0]);
        }

        /** Causal multi-head attention with its input and output projections. */
        private double[][] selfAttention(double[][] x, String n) {
            int length = x.length;
            int d = c.dModel();
            int heads = c.heads();
            int dh = d / heads;
            double[][] qkv = affine(x, w(n + ".qkv.weight"), w(n + ".qkv.bias")[0]); // (L, 3D) = Q | K | V
            double[][] att = new double[length][d];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    double[] score = new double[i + 1];          // keys j <= i only
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double s = 0;
                        for (int e = 0; e < dh; e++) {
                            s += qkv[i][h * dh + e] * qkv[j][d + h * dh + e];
                        }
                        score[j] = s / Math.sqrt(dh);
                        max = Math.max(max, score[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= i; j++) {
                        score[j] = Math.exp(score[j] - max);
                        z += score[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int e = 0; e < dh; e++) {
                            att[i][h * dh + e] += score[j] / z * qkv[j][2 * d + h * dh + e];
                        }
                    }
                }
            }
            return affine(att, w(n + ".proj.weight"), w(n + ".proj.bias")[0]);
        }

        /** {@code act(x·W1 + b1)·W2 + b2}. */
        private double[][] feedForward(double[][] x, String n) {
            double[][] hidden = affine(x, w(n + ".ffn.up.weight"), w(n + ".ffn.up.bias")[0]);
            for (double[] row : hidden) {
                for (int j = 0; j < row.length; j++) {
                    double v = row[j];
                    row[j] = c.activation() == Activation.RELU ? Math.max(0, v)
                            : 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
                }
            }
            return affine(hidden, w(n + ".ffn.down.weight"), w(n + ".ffn.down.bias")[0]);
        }

        /** {@code y = x·W + b}, {@code W (in, out)}. */
        private static double[][] affine(double[][] x, double[][] weight, double[] bias) {
            int out = bias.length;
            double[][] y = new double[x.length][out];
            for (int t = 0; t < x.length; t++) {
                for (int o = 0; o < out; o++) {
                    double s = bias[o];
                    for (int i = 0; i < weight.length; i++) {
                        s += x[t][i] * weight[i][o];
                    }
                    y[t][o] = s;
                }
            }
            return y;
        }

        /** Per row: {@code (x − mean)/sqrt(biased var + 1e-5)·γ + β}. */
        private static double[][] layerNorm(double[][] x, double[] gamma, double[] beta) {
            double[][] y = new double[x.length][];
            for (int t = 0; t < x.length; t++) {
                int d = x[t].length;
                double mean = 0;
                for (double v : x[t]) {
                    mean += v / d;
                }
                double var = 0;
                for (double v : x[t]) {
                    var += (v - mean) * (v - mean) / d;
                }
                y[t] = new double[d];
                for (int j = 0; j < d; j++) {
                    y[t][j] = (x[t][j] - mean) / Math.sqrt(var + 1e-5) * gamma[j] + beta[j];
                }
            }
            return y;
        }

        private static double[][] add(double[][] a, double[][] b) {
            double[][] y = new double[a.length][a[0].length];
            for (int t = 0; t < a.length; t++) {
                for (int j = 0; j < a[0].length; j++) {
                    y[t][j] = a[t][j] + b[t][j];
                }
            }
            return y;
        }

        /** Mean {@code −log softmax(logits)[target]} over non-negative targets. */
        static double crossEntropy(double[][] logits, int[] targets) {
            double sum = 0;
            int count = 0;
            for (int r = 0; r < logits.length; r++) {
                if (targets[r] < 0) {
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logits[r]) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (double v : logits[r]) {
                    z += Math.exp(v - max);
                }
                sum += Math.log(z) + max - logits[r][targets[r]];
                count++;
            }
            return sum / count;
        }
    }

    private static void assertMatchesReference(ModelConfig config, long seed) {
        DecoderModel model = ModelFixtures.randomModel(config, Precision.FLOAT64, seed);
        Batch batch = ModelFixtures.randomBatch(config, BATCH, LENGTH, seed + 100, true);
        double loss = model.forward(batch, false);
        Mat logits = model.logits();                                // (B·L, V)

        Reference ref = new Reference(model);
        double[][] want = ref.logits(batch.inputs(), BATCH, LENGTH, batch.conditions());
        assertEquals(BATCH * LENGTH, logits.rows());
        assertEquals(config.vocabSize(), logits.cols());
        for (int r = 0; r < want.length; r++) {
            for (int v = 0; v < config.vocabSize(); v++) {
                assertEquals(want[r][v], logits.get(r, v), TOL, "logit[" + r + "," + v + "]");
            }
        }
        assertEquals(Reference.crossEntropy(want, batch.targets()), loss, TOL, "loss");
        assertEquals(ref.weights.keySet(), ref.used, "parameters the reference never read");
        assertTrue(loss > 0.5, "random weights give a non-trivial loss");
    }

    @Test
    void preNormMatchesReference() {
        assertMatchesReference(ModelFixtures.SMALL, 1);
    }

    @Test
    void postNormMatchesReference() {
        assertMatchesReference(ModelFixtures.SMALL.withNorm(NormPlacement.POST), 2);
    }

    @Test
    void geluLearnedPositionsTiedAndClassConditionalMatchReference() {
        ModelConfig c = ModelFixtures.SMALL.withActivation(Activation.GELU).withPosition(new Positions.Learned())
                .withTiedOutput(true).withConditionClasses(3);
        assertMatchesReference(c, 3);
        assertMatchesReference(c.withNorm(NormPlacement.POST), 4);
    }

    @Test
    void parameterNamesAreTheDocumentedOnes() {
        DecoderModel m = new DecoderModel(ModelFixtures.SMALL, Precision.FLOAT64, 5);
        Set<String> names = new HashSet<>();
        for (Param p : m.params().all()) {
            names.add(p.name());
        }
        Set<String> want = new HashSet<>(Set.of("token", "final.ln.gamma", "final.ln.beta", "output.weight",
                "output.bias"));
        for (int i = 0; i < 2; i++) {
            for (String s : new String[] {"ln1.gamma", "ln1.beta", "qkv.weight", "qkv.bias", "proj.weight",
                "proj.bias", "ln2.gamma", "ln2.beta", "ffn.up.weight", "ffn.up.bias", "ffn.down.weight",
                "ffn.down.bias"}) {
                want.add("block" + i + "." + s);
            }
        }
        assertEquals(want, names);
        Param qkv = ModelFixtures.param(m, "block0.qkv.weight");
        assertEquals(8, qkv.rows(), "qkv weight is (D, 3D)");
        assertEquals(24, qkv.cols(), "qkv weight is (D, 3D)");
    }
}

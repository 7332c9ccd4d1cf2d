package org.attentionsuite.core.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.GradCheck;
import org.junit.jupiter.api.Test;

class CrossAttentionTest {
    static final int B = 2;
    static final int L = 5;
    static final int M = 7;
    static final int D = 8;
    static final int DM = 6;
    static final int H = 2;

    final Params params = new Params();
    final CrossAttention layer = new CrossAttention(params, "x", D, DM, H, Precision.FLOAT64);
    final Mat x = Mat.zeros(Precision.FLOAT64, B * L, D);
    final Mat mem = Mat.zeros(Precision.FLOAT64, B * M, DM);

    CrossAttentionTest() {
        params.allocate(Precision.FLOAT64, 3);
        for (Param p : params.all()) {
            GradCheck.randomize(p.value(), new Random(p.offset() + 1), 0.5);
        }
        GradCheck.randomize(x, new Random(11), 1);
        GradCheck.randomize(mem, new Random(12), 1);
    }

    double[][] w(String name) {
        Param p = params.all().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
        double[][] a = new double[p.rows()][p.cols()];
        for (int r = 0; r < p.rows(); r++) {
            for (int c = 0; c < p.cols(); c++) {
                a[r][c] = p.value().get(r, c);
            }
        }
        return a;
    }

    /** Plain loops: project, attend over all memory positions, project back. */
    double[] reference() {
        double[][] wq = w("x.q.weight");
        double[][] bq = w("x.q.bias");
        double[][] wkv = w("x.kv.weight");
        double[][] bkv = w("x.kv.bias");
        double[][] wo = w("x.proj.weight");
        double[][] bo = w("x.proj.bias");
        int dh = D / H;
        double[] out = new double[B * L * D];
        for (int b = 0; b < B; b++) {
            double[][] q = new double[L][D];
            double[][] k = new double[M][D];
            double[][] v = new double[M][D];
            for (int i = 0; i < L; i++) {
                for (int c = 0; c < D; c++) {
                    q[i][c] = bq[0][c];
                    for (int e = 0; e < D; e++) {
                        q[i][c] += x.get(b * L + i, e) * wq[e][c];
                    }
                }
            }
            for (int j = 0; j < M; j++) {
                for (int c = 0; c < D; c++) {
                    k[j][c] = bkv[0][c];
                    v[j][c] = bkv[0][D + c];
                    for (int e = 0; e < DM; e++) {
                        k[j][c] += mem.get(b * M + j, e) * wkv[e][c];
                        v[j][c] += mem.get(b * M + j, e) * wkv[e][D + c];
                    }
                }
            }
            for (int i = 0; i < L; i++) {
                double[] o = new double[D];
                for (int h = 0; h < H; h++) {
                    double[] s = new double[M];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < M; j++) {
                        for (int c = 0; c < dh; c++) {
                            s[j] += q[i][h * dh + c] * k[j][h * dh + c];
                        }
                        s[j] /= Math.sqrt(dh);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < M; j++) {
                        z += Math.exp(s[j] - max);
                    }
                    for (int j = 0; j < M; j++) {
                        for (int c = 0; c < dh; c++) {
                            o[h * dh + c] += Math.exp(s[j] - max) / z * v[j][h * dh + c];
                        }
                    }
                }
                for (int c = 0; c < D; c++) {
                    double y = bo[0][c];
                    for (int e = 0; e < D; e++) {
                        y += o[e] * wo[e][c];
                    }
                    out[(b * L + i) * D + c] = y;
                }
            }
        }
        return out;
    }

    @Test
    void matchesPlainLoopReference() {
        Mat out = Mat.zeros(Precision.FLOAT64, B * L, D);
        layer.forward(x, mem, out, B, L, M);
        assertArrayEquals(reference(), out.toArray(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Mat wOut = Mat.zeros(Precision.FLOAT64, B * L, D);
        GradCheck.randomize(wOut, new Random(5), 1);
        Mat out = Mat.zeros(Precision.FLOAT64, B * L, D);
        Mat dx = Mat.zeros(Precision.FLOAT64, B * L, D);
        Mat dMem = Mat.zeros(Precision.FLOAT64, B * M, DM);
        params.zeroGrads();
        layer.forward(x, mem, out, B, L, M);
        layer.backward(wOut, dx, dMem);
        java.util.function.DoubleSupplier loss = () -> {
            Mat o = Mat.zeros(Precision.FLOAT64, B * L, D);
            layer.forward(x, mem, o, B, L, M);
            return GradCheck.dot(o, wOut);
        };
        GradCheck.check("dx", x, dx, loss, 80, 1);
        GradCheck.check("dMemory", mem, dMem, loss, 84, 2);
        for (Param p : params.all()) {
            if (p.name().equals("x.kv.bias")) {
                // key biases shift every logit of a row equally: zero gradient (checked below);
                // the value half is checked by finite differences
                GradCheck.check("value bias", p.value().cols(D, D), p.grad().cols(D, D), loss, D, 4);
                continue;
            }
            GradCheck.check(p.name(), p.value(), p.grad(), loss, 40, 3);
        }
        for (int c = 0; c < D; c++) {
            org.junit.jupiter.api.Assertions.assertEquals(0.0, params.all().stream()
                    .filter(q -> q.name().equals("x.kv.bias")).findFirst().orElseThrow().grad().get(0, c), 1e-12);
        }
    }
}

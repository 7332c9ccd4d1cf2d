package org.attentionsuite.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Float64 finite-difference checks of every layer's backward, with {@code loss = Σ out ⊙ W} for a
 * random {@code W} (so {@code dLoss/dout = W}), for each parameter and the input.
 */
class LayerGradientTest {
    private static final Precision F64 = Precision.FLOAT64;

    private static Mat random(int rows, int cols, Random rng) {
        Mat m = Mat.zeros(F64, rows, cols);
        GradCheck.randomize(m, rng, 1.0);
        return m;
    }

    /** Replaces every parameter value by {@code N(0, std²)} (zero-initialised biases would hide bugs). */
    private static void randomizeAll(Params params, Random rng, double std) {
        for (Param p : params.all()) {
            GradCheck.randomize(p.value(), rng, std);
        }
    }

    private static Param param(Params params, String name) {
        return params.all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    @Test
    void linearGradients() {
        Random rng = new Random(1);
        Params params = new Params();
        Linear lin = new Linear(params, "lin", 5, 4, true, 0.5);
        params.allocate(F64, 1);
        randomizeAll(params, rng, 0.5);
        Mat x = random(3, 5, rng);                   // (N, in)
        Mat w = random(3, 4, rng);                   // (N, out)
        Mat dx = random(3, 5, rng);                  // overwritten (accumulateDx = false)
        params.zeroGrads();
        Mat y = Mat.zeros(F64, 3, 4);
        lin.forward(x, y, false);
        lin.backward(x, w, dx, false);

        DoubleSupplier loss = () -> {
            Mat out = Mat.zeros(F64, 3, 4);
            lin.forward(x, out, false);
            return GradCheck.dot(out, w);
        };
        GradCheck.check("lin.weight", lin.weight().value(), lin.weight().grad(), loss, 20, 1);
        GradCheck.check("lin.bias", lin.bias().value(), lin.bias().grad(), loss, 4, 2);
        GradCheck.check("x", x, dx, loss, 15, 3);
    }

    @Test
    void linearAccumulatesWhenAsked() {
        Random rng = new Random(2);
        Params params = new Params();
        Linear lin = new Linear(params, "lin", 4, 3, true, 0.5);
        params.allocate(F64, 2);
        randomizeAll(params, rng, 0.5);
        Mat x = random(2, 4, rng);
        Mat w = random(2, 3, rng);
        Mat y = random(2, 3, rng);
        Mat y0 = Mat.zeros(F64, 2, 3);
        y0.copyFrom(y);
        Mat fresh = Mat.zeros(F64, 2, 3);
        lin.forward(x, fresh, false);
        lin.forward(x, y, true);                      // y += x·W + b
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(y0.get(r, c) + fresh.get(r, c), y.get(r, c), 1e-14);
            }
        }
        Mat dxFresh = Mat.zeros(F64, 2, 4);
        lin.backward(x, w, dxFresh, false);
        Mat dx = random(2, 4, rng);
        Mat dx0 = Mat.zeros(F64, 2, 4);
        dx0.copyFrom(dx);
        lin.backward(x, w, dx, true);                 // dx += dy·Wᵀ
        Mat once = Mat.zeros(F64, 4, 3);
        params.zeroGrads();
        lin.backward(x, w, null, false);
        once.copyFrom(lin.weight().grad());
        lin.backward(x, w, null, false);              // parameter gradients accumulate: twice
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(dx0.get(r, c) + dxFresh.get(r, c), dx.get(r, c), 1e-14);
            }
        }
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(2 * once.get(r, c), lin.weight().grad().get(r, c), 1e-14);
            }
        }
    }

    @Test
    void layerNormGradients() {
        Random rng = new Random(3);
        Params params = new Params();
        LayerNorm ln = new LayerNorm(params, "ln", 6);
        params.allocate(F64, 3);
        randomizeAll(params, rng, 0.8);
        Mat x = random(4, 6, rng);
        Mat w = random(4, 6, rng);
        Mat y = Mat.zeros(F64, 4, 6);
        LayerNorm.Saved saved = new LayerNorm.Saved(4);
        ln.forward(x, y, saved);
        params.zeroGrads();
        Mat dx = Mat.zeros(F64, 4, 6);
        ln.backward(w, x, saved, dx);

        DoubleSupplier loss = () -> {
            Mat out = Mat.zeros(F64, 4, 6);
            ln.forward(x, out, new LayerNorm.Saved(4));
            return GradCheck.dot(out, w);
        };
        GradCheck.check("ln.gamma", param(params, "ln.gamma").value(), param(params, "ln.gamma").grad(), loss, 6, 1);
        GradCheck.check("ln.beta", param(params, "ln.beta").value(), param(params, "ln.beta").grad(), loss, 6, 2);
        GradCheck.check("x", x, dx, loss, 24, 3);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void feedForwardGradients(Activation activation) {
        Random rng = new Random(4);
        int n = 3;
        int d = 4;
        int f = 7;
        Params params = new Params();
        FeedForward ffn = new FeedForward(params, "ffn", d, f, activation, 0.5, 0.5);
        params.allocate(F64, 4);
        randomizeAll(params, rng, 0.7);
        Mat x = random(n, d, rng);
        Mat w = random(n, d, rng);
        FeedForward.Saved saved = ffn.newSaved(F64, n);
        Mat y = Mat.zeros(F64, n, d);
        ffn.forward(x, y, saved, false);
        params.zeroGrads();
        Mat dHidden = Mat.zeros(F64, n, f);
        Mat dx = random(n, d, rng);                   // overwritten
        ffn.backward(x, w, saved, dHidden, dx, false);

        DoubleSupplier loss = () -> {
            Mat out = Mat.zeros(F64, n, d);
            ffn.forward(x, out, ffn.newSaved(F64, n), false);
            return GradCheck.dot(out, w);
        };
        for (String name : new String[] {"ffn.up.weight", "ffn.up.bias", "ffn.down.weight", "ffn.down.bias"}) {
            Param p = param(params, name);
            GradCheck.check(name, p.value(), p.grad(), loss, 12, name.hashCode());
        }
        GradCheck.check("x", x, dx, loss, n * d, 5);
    }

    @Test
    void learnedPositionGradients() {
        Random rng = new Random(5);
        int batch = 2;
        int length = 3;
        int start = 1;
        Params params = new Params();
        LearnedPositions pos = new LearnedPositions(params, "position", 6, 4, 0.5);
        params.allocate(F64, 5);
        Mat x0 = random(batch * length, 4, rng);
        Mat w = random(batch * length, 4, rng);
        params.zeroGrads();
        pos.backward(w, batch, length, start);

        DoubleSupplier loss = () -> {
            Mat x = Mat.zeros(F64, batch * length, 4);
            x.copyFrom(x0);
            pos.addTo(x, batch, length, start);
            return GradCheck.dot(x, w);
        };
        Param table = param(params, "position");
        // all 6 x 4 entries: rows outside [start, start + length) must get exactly zero
        GradCheck.check("position", table.value(), table.grad(), loss, 24, 1);
        for (int c = 0; c < 4; c++) {
            assertEquals(w.get(1, c) + w.get(length + 1, c), table.grad().get(start + 1, c), 1e-14);
            assertEquals(0.0, table.grad().get(0, c), 0.0);
        }
        assertThrows(IllegalArgumentException.class,
                () -> pos.addTo(Mat.zeros(F64, 4, 4), 1, 4, 3), "positions 3..6 exceed a table of 6");
    }

    @Test
    void embeddingGradients() {
        Random rng = new Random(6);
        int[] ids = {2, 0, 2, 4, 2};                 // repeated ids must accumulate
        Params params = new Params();
        Embedding emb = new Embedding(params, "token", 6, 3, 0.5);
        params.allocate(F64, 6);
        Mat w = random(ids.length, 3, rng);
        Mat base = random(ids.length, 3, rng);
        params.zeroGrads();
        emb.backward(ids, w);

        DoubleSupplier lookup = () -> {
            Mat x = Mat.zeros(F64, ids.length, 3);
            emb.forward(ids, x, false);
            return GradCheck.dot(x, w);
        };
        DoubleSupplier accumulated = () -> {
            Mat x = Mat.zeros(F64, ids.length, 3);
            x.copyFrom(base);
            emb.forward(ids, x, true);                // x += E[ids]
            return GradCheck.dot(x, w) - GradCheck.dot(base, w);
        };
        Param table = param(params, "token");
        GradCheck.check("token", table.value(), table.grad(), lookup, 18, 1);
        GradCheck.check("token (accumulating)", table.value(), table.grad(), accumulated, 18, 2);
        assertThrows(IllegalArgumentException.class, () -> emb.forward(new int[] {6}, Mat.zeros(F64, 1, 3), false));
    }
}

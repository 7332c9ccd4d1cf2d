package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Activations;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;

/** {@code y (N, out) = x (N, in) · W (in, out) + b (1, out)}; the bias is optional. */
public final class Linear {
    private final Param weight;
    private final Param bias;
    private final int in;
    private final int out;

    public Linear(Params params, String name, int in, int out, boolean bias, double initStd) {
        this.in = in;
        this.out = out;
        this.weight = params.add(name + ".weight", in, out, Init.normal(initStd));
        this.bias = bias ? params.add(name + ".bias", 1, out, Init.zeros()) : null;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Param weight() {
        return weight;
    }

    /** {@code y = x·W + b}, or {@code y += x·W + b} when {@code accumulate}. */
    public void forward(Mat x, Mat y, boolean accumulate) {
        Blas.get().gemm(x, false, weight.value(), false, y, 1.0, accumulate ? 1.0 : 0.0); // (N, out)
        if (bias != null) {
            Activations.addRowVector(y, bias.value());
        }
    }

    /** {@code y = x·W} without the bias (used when the bias is fused into an activation). */
    public void forwardNoBias(Mat x, Mat y) {
        Blas.get().gemm(x, false, weight.value(), false, y, 1.0, 0.0);
    }

    public Param bias() {
        return bias;
    }

    /**
     * Accumulates {@code dW += xᵀ·dy}, {@code db += Σ dy}; writes {@code dx = dy·Wᵀ} (or adds it when
     * {@code accumulateDx}); {@code dx} may be null when the input needs no gradient.
     */
    public void backward(Mat x, Mat dy, Mat dx, boolean accumulateDx) {
        Blas.get().gemm(x, true, dy, false, weight.grad(), 1.0, 1.0);            // (in, out)
        if (bias != null) {
            Activations.accumulateColumnSums(dy, bias.grad());                         // (1, out)
        }
        if (dx != null) {
            Blas.get().gemm(dy, false, weight.value(), true, dx, 1.0, accumulateDx ? 1.0 : 0.0); // (N, in)
        }
    }
}

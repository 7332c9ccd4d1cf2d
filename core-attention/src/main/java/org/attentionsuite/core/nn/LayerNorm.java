package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.LayerNormKernel;
import org.attentionsuite.core.tensor.Mat;

/** Layer normalisation over the model axis (Ba et al. 2016) with gain and bias. */
public final class LayerNorm {
    /** The {@code ε} added to the variance (PyTorch's default too). */
    public static final double EPS = 1e-5;
    private final Param gamma;
    private final Param beta;

    public LayerNorm(Params params, String name, int dim) {
        gamma = params.add(name + ".gamma", 1, dim, Init.ones());
        beta = params.add(name + ".beta", 1, dim, Init.zeros());
    }

    /** Per-row statistics saved by forward for backward. */
    public static final class Saved {
        final double[] mean;
        final double[] rstd;

        public Saved(int rows) {
            mean = new double[rows];
            rstd = new double[rows];
        }
    }

    /** {@code y (N, D) = LN(x (N, D))}. */
    public void forward(Mat x, Mat y, Saved saved) {
        LayerNormKernel.forward(x, gamma.value(), beta.value(), y, saved.mean, saved.rstd, EPS);
    }

    /** {@code dx += LN'(x)ᵀ·dy}; accumulates the gain and bias gradients. */
    public void backward(Mat dy, Mat x, Saved saved, Mat dx) {
        LayerNormKernel.backward(dy, x, gamma.value(), saved.mean, saved.rstd, dx, gamma.grad(), beta.grad());
    }
}

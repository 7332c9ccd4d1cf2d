package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Activations;
import org.attentionsuite.core.tensor.Mat;

/**
 * Position-wise feed-forward network (Vaswani et al. 2017, eq. 2):
 * {@code y = act(x·W1 + b1)·W2 + b2}, {@code x, y (N, D)}, hidden {@code (N, F)}.
 */
public final class FeedForward {
    private final Linear up;
    private final Linear down;
    private final Activation activation;

    public FeedForward(Params params, String name, int dim, int hidden, Activation activation, double initStd,
            double outStd) {
        this.up = new Linear(params, name + ".up", dim, hidden, true, initStd);
        this.down = new Linear(params, name + ".down", hidden, dim, true, outStd);
        this.activation = activation;
    }

    public int hidden() {
        return up.out();
    }

    /** Saved activations of one forward pass. */
    public static final class Saved {
        final Mat pre;    // (N, F) pre-activation (GELU only)
        final Mat hidden; // (N, F) activation output

        public Saved(Mat pre, Mat hidden) {
            this.pre = pre;
            this.hidden = hidden;
        }
    }

    /** Allocates the saved buffers for {@code rows} positions. */
    public Saved newSaved(org.attentionsuite.core.tensor.Precision p, int rows) {
        Mat h = Mat.zeros(p, rows, hidden());
        return new Saved(activation == Activation.GELU ? Mat.zeros(p, rows, hidden()) : h, h);
    }

    /** {@code y = FFN(x)}, or {@code y += FFN(x)} when accumulating (fused residual). */
    public void forward(Mat x, Mat y, Saved s, boolean accumulate) {
        up.forwardNoBias(x, s.pre);                                   // (N, F)
        if (activation == Activation.RELU) {
            Activations.biasRelu(s.hidden, up.bias().value());
        } else {
            Activations.biasGelu(s.pre, up.bias().value(), s.pre, s.hidden);
        }
        down.forward(s.hidden, y, accumulate);                        // (N, D)
    }

    /**
     * Backward from {@code dy (N, D)}; {@code dHidden (N, F)} is scratch; writes or adds {@code dx}.
     */
    public void backward(Mat x, Mat dy, Saved s, Mat dHidden, Mat dx, boolean accumulateDx) {
        down.backward(s.hidden, dy, dHidden, false);                  // dHidden = dy·W2ᵀ
        if (activation == Activation.RELU) {
            Activations.reluBackward(dHidden, s.hidden);
        } else {
            Activations.geluBackward(dHidden, s.pre);
        }
        up.backward(x, dHidden, dx, accumulateDx);
    }
}

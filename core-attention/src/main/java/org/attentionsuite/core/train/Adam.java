package org.attentionsuite.core.train;

import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.AdamKernel;
import org.attentionsuite.core.tensor.Elementwise;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Storage;

/**
 * Adam over the flat parameter buffer with global-norm gradient clipping: one fused pass
 * ({@link AdamKernel#update}) updates all {@code P} parameters. Its moments are part of a checkpoint.
 */
public final class Adam {
    private final Params params;
    private final Storage m;
    private final Storage v;

    public Adam(Params params) {
        this.params = params;
        this.m = Storage.allocate(params.precision(), Math.max(1, params.size()));
        this.v = Storage.allocate(params.precision(), Math.max(1, params.size()));
    }

    /** First moments, {@code (1, P)}. */
    public Mat firstMoments() {
        return m.mat(0, 1, params.size());
    }

    /** Second moments, {@code (1, P)}. */
    public Mat secondMoments() {
        return v.mat(0, 1, params.size());
    }

    /** Global L2 norm of the accumulated gradients. */
    public double gradientNorm() {
        return Elementwise.norm2(params.grads().mat(0, 1, params.size()));
    }

    /**
     * Applies one update from the accumulated gradients whose global norm is {@code norm}.
     *
     * @param step 1-based step (bias correction)
     */
    public void update(TrainConfig c, long step, double lr, double norm) {
        Mat w = params.values().mat(0, 1, params.size());
        Mat g = params.grads().mat(0, 1, params.size());
        double scale = c.clipNorm() > 0 && norm > c.clipNorm() ? c.clipNorm() / norm : 1.0;
        AdamKernel.update(w, g, firstMoments(), secondMoments(), lr, c.beta1(), c.beta2(), c.epsilon(), c.weightDecay(),
                step, scale);
    }
}

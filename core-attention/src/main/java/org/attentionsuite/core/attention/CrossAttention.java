package org.attentionsuite.core.attention;

import org.attentionsuite.core.nn.Linear;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Kernels;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Multi-head cross-attention (Vaswani et al. 2017, §3.2.3, "encoder-decoder attention"): queries
 * from the decoder sequence, keys and values from a conditioning sequence, no causal mask (the
 * whole conditioning sequence is visible). A layer with its own projections, for conditional
 * models.
 *
 * <p>Dimensions: {@code B} batch, {@code L} decoder length, {@code M} conditioning length,
 * {@code D} model width, {@code Dm} conditioning width, {@code H} heads, {@code Dh = D/H}.
 * {@code x (B·L, D)}, {@code memory (B·M, Dm)}, {@code out (B·L, D)}.
 */
public final class CrossAttention {
    private final Linear query;   // (D, D)
    private final Linear keyValue; // (Dm, 2D)
    private final Linear output;  // (D, D)
    private final int dModel;
    private final int heads;
    private final double scale;
    private final Precision precision;
    // saved by forward
    private Mat x;
    private Mat memory;
    private Mat q;       // (B·L, D)
    private Mat kv;      // (B·M, 2D)
    private Mat heads0;  // (B·L, D) per-head outputs before the output projection
    private Mat probs;   // (B·H·L, M)
    private int batch;
    private int length;
    private int memLength;

    public CrossAttention(Params params, String name, int dModel, int dMemory, int heads, Precision precision) {
        if (heads <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("heads (" + heads + ") must divide d_model (" + dModel + ")");
        }
        this.dModel = dModel;
        this.heads = heads;
        this.precision = precision;
        this.scale = 1.0 / Math.sqrt(dModel / heads);
        query = new Linear(params, name + ".q", dModel, dModel, true, 0.02);
        keyValue = new Linear(params, name + ".kv", dMemory, 2 * dModel, true, 0.02);
        output = new Linear(params, name + ".proj", dModel, dModel, true, 0.02);
    }

    /** {@code out = Wo·softmax(Q Kᵀ/√Dh)·V}, {@code Q} from {@code x}, {@code K, V} from {@code memory}. */
    public void forward(Mat x, Mat memory, Mat out, int batch, int length, int memLength) {
        int dh = dModel / heads;
        if (q == null || q.rows() != batch * length || kv.rows() != batch * memLength) {
            q = Mat.zeros(precision, batch * length, dModel);
            kv = Mat.zeros(precision, batch * memLength, 2 * dModel);
            heads0 = Mat.zeros(precision, batch * length, dModel);
            probs = Mat.zeros(precision, batch * heads * length, memLength);
        }
        this.x = x;
        this.memory = memory;
        this.batch = batch;
        this.length = length;
        this.memLength = memLength;
        query.forward(x, q, false);                                            // (B·L, D)
        keyValue.forward(memory, kv, false);                                   // (B·M, 2D)
        Blas blas = Blas.get();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat qh = q.rows(b * length, length).cols(h * dh, dh);          // (L, Dh)
                Mat kh = kv.rows(b * memLength, memLength).cols(h * dh, dh);   // (M, Dh)
                Mat vh = kv.rows(b * memLength, memLength).cols(dModel + h * dh, dh);
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, M)
                blas.gemm(qh, false, kh, true, p, 1, 0);
                for (int i = 0; i < length; i++) {
                    Kernels.softmaxRow(p, i, scale, 0, memLength);
                }
                blas.gemm(p, false, vh, false, heads0.rows(b * length, length).cols(h * dh, dh), 1, 0);
            }
        }
        output.forward(heads0, out, false);                                    // (B·L, D)
    }

    /**
     * Backward of the last forward: writes {@code dx (B·L, D)} and {@code dMemory (B·M, Dm)} and
     * accumulates the projection gradients.
     */
    public void backward(Mat dOut, Mat dx, Mat dMemory) {
        int dh = dModel / heads;
        Mat dHeads = Mat.zeros(precision, batch * length, dModel);
        output.backward(heads0, dOut, dHeads, false);                          // (B·L, D)
        Mat dq = Mat.zeros(precision, batch * length, dModel);
        Mat dkv = Mat.zeros(precision, batch * memLength, 2 * dModel);
        Mat dp = Mat.zeros(precision, length, memLength);
        Blas blas = Blas.get();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat qh = q.rows(b * length, length).cols(h * dh, dh);
                Mat kh = kv.rows(b * memLength, memLength).cols(h * dh, dh);
                Mat vh = kv.rows(b * memLength, memLength).cols(dModel + h * dh, dh);
                Mat p = probs.rows((b * heads + h) * length, length);          // (L, M)
                Mat dOh = dHeads.rows(b * length, length).cols(h * dh, dh);    // (L, Dh)
                blas.gemm(p, true, dOh, false, dkv.rows(b * memLength, memLength).cols(dModel + h * dh, dh), 1, 0);
                blas.gemm(dOh, false, vh, true, dp, 1, 0);                     // dP (L, M)
                for (int i = 0; i < length; i++) {
                    Kernels.softmaxBackwardRow(p, dp, i, scale, 0, memLength);
                }
                blas.gemm(dp, false, kh, false, dq.rows(b * length, length).cols(h * dh, dh), 1, 0);
                blas.gemm(dp, true, qh, false, dkv.rows(b * memLength, memLength).cols(h * dh, dh), 1, 0);
            }
        }
        query.backward(x, dq, dx, false);
        keyValue.backward(memory, dkv, dMemory, false);
    }
}

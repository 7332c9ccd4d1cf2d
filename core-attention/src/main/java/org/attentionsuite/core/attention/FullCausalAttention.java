package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Kernels;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Full causal scaled dot-product attention (Vaswani et al. 2017, eq. 1) with the causal mask of a
 * decoder: position {@code i} attends to {@code j ≤ i}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width. The
 * probabilities {@code P (B·H·L, L)} are kept for backward. Rows are processed in chunks of
 * {@link #CHUNK}: chunk {@code [r0, r1)} only multiplies against keys {@code [0, r1)}, so about half
 * of the masked upper triangle is never computed.
 */
public final class FullCausalAttention implements Attention {
    /** Rows per causal chunk. */
    static final int CHUNK = 64;

    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private Mat probs;     // (B·H·L, L) saved softmax output
    private Mat scratch;   // (L, L) dP for one head
    private Mat savedQkv;  // (B·L, 3D) input of the last forward
    private int batch;
    private int length;

    public FullCausalAttention(AttentionContext c) {
        this.layout = new QkvLayout(c.dModel(), c.heads());
        this.precision = c.precision();
        this.scale = 1.0 / Math.sqrt(c.headDim());
    }

    /** The spec of this variant. */
    public record Spec() implements AttentionSpec {
        @Override
        public Attention create(AttentionContext context) {
            return new FullCausalAttention(context);
        }

        @Override
        public String label() {
            return "full";
        }
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        int heads = layout.heads();
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);                       // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                       // (L, Dh)
                Mat v = layout.v(qkv, b, length, h);                       // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);      // (L, L)
                Mat o = layout.head(out, b, length, h);                    // (L, Dh)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    Mat pc = p.rows(r0, r1 - r0).cols(0, r1);              // (c, r1)
                    blas.gemm(q.rows(r0, r1 - r0), false, k.rows(0, r1), true, pc, 1, 0);  // Q Kᵀ
                    for (int i = r0; i < r1; i++) {
                        Kernels.softmaxRow(p, i, scale, 0, i + 1);         // zeroes j > i
                    }
                    blas.gemm(pc, false, v.rows(0, r1), false, o.rows(r0, r1 - r0), 1, 0); // P V
                }
            }
        }
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        dqkv.zero();
        Blas blas = Blas.get();
        int heads = layout.heads();
        Mat qkv = savedQkv;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);
                Mat k = layout.k(qkv, b, length, h);
                Mat v = layout.v(qkv, b, length, h);
                Mat dq = layout.q(dqkv, b, length, h);
                Mat dk = layout.k(dqkv, b, length, h);
                Mat dv = layout.v(dqkv, b, length, h);
                Mat dOh = layout.head(dOut, b, length, h);                 // (L, Dh)
                Mat p = probs.rows((b * heads + h) * length, length);      // (L, L)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    int c = r1 - r0;
                    Mat pc = p.rows(r0, c).cols(0, r1);                    // (c, r1)
                    Mat dpc = scratch.rows(r0, c).cols(0, r1);             // (c, r1)
                    Mat dOc = dOh.rows(r0, c);                             // (c, Dh)
                    blas.gemm(pc, true, dOc, false, dv.rows(0, r1), 1, 1); // dV += Pᵀ dO
                    blas.gemm(dOc, false, v.rows(0, r1), true, dpc, 1, 0); // dP = dO Vᵀ
                    for (int i = r0; i < r1; i++) {
                        Kernels.softmaxBackwardRow(p, scratch, i, scale, 0, i + 1);
                    }
                    blas.gemm(dpc, false, k.rows(0, r1), false, dq.rows(r0, c), 1, 0); // dQ = dS K
                    blas.gemm(dpc, true, q.rows(r0, c), false, dk.rows(0, r1), 1, 1);  // dK += dSᵀ Q
                }
            }
        }
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        return new AttentionCache(precision, batch, capacity, layout.dModel());
    }

    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        int t = cache.append(qkv);
        int n = t + 1;
        Mat scores = Mat.zeros(precision, 1, n);                          // (1, t+1)
        Blas blas = Blas.get();
        int dh = layout.headDim();
        for (int b = 0; b < cache.batch(); b++) {
            Mat q = qkv.rows(b, 1);
            Mat keys = cache.keys(b, n);
            Mat values = cache.values(b, n);
            for (int h = 0; h < layout.heads(); h++) {
                blas.gemm(q.cols(h * dh, dh), false, keys.cols(h * dh, dh), true, scores, 1, 0); // q·k_j
                Kernels.softmaxRow(scores, 0, scale, 0, n);
                blas.gemm(scores, false, values.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0);
            }
        }
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        if (probs == null || probs.cols() != length || probs.rows() < need) {
            probs = Mat.zeros(precision, (int) need, length);
            scratch = Mat.zeros(precision, length, length);
        }
        this.batch = batch;
        this.length = length;
    }
}

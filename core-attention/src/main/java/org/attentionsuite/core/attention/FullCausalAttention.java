package org.attentionsuite.core.attention;

import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;

/**
 * Full causal scaled dot-product attention (Vaswani et al. 2017, eq. 1) with the causal mask of a
 * decoder: position {@code i} attends to {@code j ≤ i}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} length, {@code H} heads, {@code Dh} head width. The
 * probabilities {@code P (B·H·L, L)} are kept for backward. Rows are processed in chunks of
 * {@link #CHUNK}: chunk {@code [r0, r1)} only multiplies against keys {@code [0, r1)}, so about half
 * of the masked upper triangle is never computed. Per sequence, all heads' score GEMMs run first,
 * then one parallel masked-softmax pass over their {@code H·L} rows, then the value GEMMs.
 */
public final class FullCausalAttention implements Attention {
    /** The variant's name: on the command line (images) and as its type in checkpoints. */
    public static final String NAME = "full";
    /** Rows per causal chunk. */
    static final int CHUNK = 64;

    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private Mat probs;     // (B·H·L, L) saved softmax output
    private Mat scratch;   // (H·L, L) dP, then dS, for one sequence
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
            return NAME;
        }

        @Override
        public long scoreEntries(int length) {
            return AttentionSpec.causalPairs(length);
        }

        /** Saved probabilities {@code B·H·L²} plus one {@code L²} scratch for {@code dP}. */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            long l = length;
            return ((long) batch * heads + 1) * l * l;
        }
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        int heads = layout.heads();
        for (int b = 0; b < batch; b++) {
            Mat pb = probs.rows(b * heads * length, heads * length);           // (H·L, L) of sequence b
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);                       // (L, Dh)
                Mat k = layout.k(qkv, b, length, h);                       // (L, Dh)
                Mat p = pb.rows(h * length, length);                       // (L, L)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    blas.gemm(q.rows(r0, r1 - r0), false, k.rows(0, r1), true, p.rows(r0, r1 - r0).cols(0, r1), 1, 0);
                }
            }
            Softmax.causal(pb, length, scale, CHUNK);                // all heads in one pass
            for (int h = 0; h < heads; h++) {
                Mat v = layout.v(qkv, b, length, h);                       // (L, Dh)
                Mat p = pb.rows(h * length, length);
                Mat o = layout.head(out, b, length, h);                    // (L, Dh)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    blas.gemm(p.rows(r0, r1 - r0).cols(0, r1), false, v.rows(0, r1), false, o.rows(r0, r1 - r0), 1, 0);
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
            Mat pb = probs.rows(b * heads * length, heads * length);           // (H·L, L)
            for (int h = 0; h < heads; h++) {
                Mat v = layout.v(qkv, b, length, h);
                Mat dv = layout.v(dqkv, b, length, h);
                Mat dOh = layout.head(dOut, b, length, h);                 // (L, Dh)
                Mat p = pb.rows(h * length, length);
                Mat dp = scratch.rows(h * length, length);                 // (L, L)
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    int c = r1 - r0;
                    Mat dOc = dOh.rows(r0, c);                             // (c, Dh)
                    blas.gemm(p.rows(r0, c).cols(0, r1), true, dOc, false, dv.rows(0, r1), 1, 1); // dV += Pᵀ dO
                    blas.gemm(dOc, false, v.rows(0, r1), true, dp.rows(r0, c).cols(0, r1), 1, 0); // dP = dO Vᵀ
                }
            }
            Softmax.causalBackward(pb, scratch, length, scale, CHUNK); // dS, all heads in one pass
            for (int h = 0; h < heads; h++) {
                Mat q = layout.q(qkv, b, length, h);
                Mat k = layout.k(qkv, b, length, h);
                Mat dq = layout.q(dqkv, b, length, h);
                Mat dk = layout.k(dqkv, b, length, h);
                Mat ds = scratch.rows(h * length, length);
                for (int r0 = 0; r0 < length; r0 += CHUNK) {
                    int r1 = Math.min(length, r0 + CHUNK);
                    int c = r1 - r0;
                    Mat dsc = ds.rows(r0, c).cols(0, r1);                  // (c, r1)
                    blas.gemm(dsc, false, k.rows(0, r1), false, dq.rows(r0, c), 1, 0);   // dQ = dS K
                    blas.gemm(dsc, true, q.rows(r0, c), false, dk.rows(0, r1), 1, 1);    // dK += dSᵀ Q
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
        Mat scores = cache.scores(n);                                     // (1, t+1)
        Blas blas = Blas.get();
        int dh = layout.headDim();
        for (int b = 0; b < cache.batch(); b++) {
            Mat q = qkv.rows(b, 1);
            Mat keys = cache.keys(b, n);
            Mat values = cache.values(b, n);
            for (int h = 0; h < layout.heads(); h++) {
                blas.gemm(q.cols(h * dh, dh), false, keys.cols(h * dh, dh), true, scores, 1, 0); // q·k_j
                Softmax.row(scores, 0, scale, 0, n);
                blas.gemm(scores, false, values.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0);
            }
        }
    }

    @Override
    public double[][] weights(int b, int query) {
        Attention.checkWeights(batch, length, b, query);
        int heads = layout.heads();
        double[][] w = new double[heads][query + 1];
        for (int h = 0; h < heads; h++) {
            int row = (b * heads + h) * length + query;                  // P row of (b, h, query) in (B·H·L, L)
            for (int j = 0; j <= query; j++) {
                w[h][j] = probs.get(row, j);
            }
        }
        return w;
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        if (probs == null || probs.cols() != length || probs.rows() < need) {
            probs = Mat.zeros(precision, (int) need, length);
            scratch = Mat.zeros(precision, layout.heads() * length, length);
        }
        this.batch = batch;
        this.length = length;
    }
}

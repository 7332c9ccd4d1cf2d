package org.attentionsuite.core.tensor;

/**
 * Fused element-wise passes over {@link Mat} windows: each method reads and writes memory once
 * where an ND4J op chain would make several passes and pay a native call per op (see
 * ENGINE-NOTES: unfused chains cost more than the GEMMs). float32 data goes to the SIMD versions
 * in {@link VectorKernels} when the JDK's vector module is present; the plain loops here are the
 * float64 path (gradient checks) and the fallback. Both have naive checks in the tests.
 */
public final class Kernels {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Kernels() {
    }

    /** Row-independent work on {@code m}: {@code body} receives disjoint row windows, in parallel. */
    static void rowsParallel(Mat m, java.util.function.BiConsumer<Integer, Integer> body) {
        int parts = Parallel.rowParts(m.rows());
        Parallel.forParts(parts, (long) m.rows() * m.cols(), p -> {
            int from = Parallel.start(p, parts, m.rows());
            int to = Parallel.start(p + 1, parts, m.rows());
            if (to > from) {
                body.accept(from, to - from);
            }
        });
    }

    /** {@code c *= beta} ({@code beta = 0} clears, ignoring NaN already there). */
    public static void scale(Mat c, double beta) {
        if (beta != 0 && Simd.eligible(c)) {
            rowsParallel(c, (r, n) -> VectorKernels.scale(c.rows(r, n), (float) beta));
            return;
        }
        if (beta == 0) {
            c.zero();
            return;
        }
        Storage s = c.s();
        for (int r = 0; r < c.rows(); r++) {
            int o = c.offset() + r * c.ld();
            for (int j = 0; j < c.cols(); j++) {
                s.set(o + j, s.get(o + j) * beta);
            }
        }
    }

    /** {@code x (N, C) += bias (1, C)} on every row. */
    public static void addRowVector(Mat x, Mat bias) {
        if (Simd.eligible(x, bias)) {
            rowsParallel(x, (r, n) -> VectorKernels.addBias(x.rows(r, n), bias, false));
            return;
        }
        Storage s = x.s();
        Storage b = bias.s();
        int bo = bias.offset();
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            for (int j = 0; j < x.cols(); j++) {
                s.set(o + j, s.get(o + j) + b.get(bo + j));
            }
        }
    }

    /**
     * {@code out (1, C) += Σ_rows x (N, C)}: the gradient of a broadcast bias, as the product
     * {@code ones (1, N) · x} (one BLAS call is cheaper than a pass of column sums, ENGINE-NOTES).
     */
    public static void accumulateColumnSums(Mat x, Mat out) {
        if (x.rows() == 0) {
            return;
        }
        Blas.get().gemm(ones(x.precision(), x.rows()), false, x, false, out, 1, 1);
    }

    private static final Mat[] ONES = new Mat[Precision.values().length];

    /** A {@code (1, n)} row of ones, shared and grown on demand; never written by callers. */
    private static synchronized Mat ones(Precision p, int n) {
        Mat m = ONES[p.ordinal()];
        if (m == null || m.cols() < n) {
            m = Mat.zeros(p, 1, Math.max(n, 1024));
            m.fill(1.0);
            ONES[p.ordinal()] = m;
        }
        return m.cols(0, n);
    }

    /** In place {@code x = relu(x + bias)} for {@code x (N, C)}, {@code bias (1, C)}. */
    public static void biasRelu(Mat x, Mat bias) {
        if (Simd.eligible(x, bias)) {
            rowsParallel(x, (r, n) -> VectorKernels.addBias(x.rows(r, n), bias, true));
            return;
        }
        Storage s = x.s();
        Storage b = bias.s();
        int bo = bias.offset();
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            for (int j = 0; j < x.cols(); j++) {
                double v = s.get(o + j) + b.get(bo + j);
                s.set(o + j, v > 0 ? v : 0);
            }
        }
    }

    /** In place {@code dy *= [y > 0]}: ReLU backward from its output. */
    public static void reluBackward(Mat dy, Mat y) {
        if (Simd.eligible(dy, y)) {
            rowsParallel(dy, (r, n) -> VectorKernels.reluBackward(dy.rows(r, n), y.rows(r, n)));
            return;
        }
        Storage d = dy.s();
        Storage s = y.s();
        for (int r = 0; r < dy.rows(); r++) {
            int o = dy.offset() + r * dy.ld();
            int yo = y.offset() + r * y.ld();
            for (int j = 0; j < dy.cols(); j++) {
                if (!(s.get(yo + j) > 0)) {
                    d.set(o + j, 0);
                }
            }
        }
    }

    /**
     * {@code pre = x + bias} kept for backward, {@code y = gelu(pre)} (tanh form, Hendrycks and Gimpel
     * 2016). {@code x} and {@code pre} may be the same window.
     */
    public static void biasGelu(Mat x, Mat bias, Mat pre, Mat y) {
        for (int r = 0; r < x.rows(); r++) {
            for (int j = 0; j < x.cols(); j++) {
                double v = x.get(r, j) + bias.get(0, j);
                pre.set(r, j, v);
                double t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v));
                y.set(r, j, 0.5 * v * (1 + t));
            }
        }
    }

    /** In place {@code dy *= gelu'(pre)}. */
    public static void geluBackward(Mat dy, Mat pre) {
        for (int r = 0; r < dy.rows(); r++) {
            for (int j = 0; j < dy.cols(); j++) {
                double v = pre.get(r, j);
                double u = SQRT_2_OVER_PI * (v + 0.044715 * v * v * v);
                double t = Math.tanh(u);
                double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
                double g = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du;
                dy.set(r, j, dy.get(r, j) * g);
            }
        }
    }

    /**
     * Layer norm forward over the last axis: {@code y = (x − μ)·rstd·γ + β} with
     * {@code rstd = 1/sqrt(var + eps)}; saves {@code μ} and {@code rstd} (one per row) for backward.
     *
     * @param x    (N, C)
     * @param gamma (1, C)
     * @param beta (1, C)
     * @param y    (N, C) output, may not alias x
     * @param mean (N) saved
     * @param rstd (N) saved
     */
    public static void layerNormForward(Mat x, Mat gamma, Mat beta, Mat y, double[] mean, double[] rstd,
            double eps) {
        if (Simd.eligible(x, gamma, beta, y)) {
            rowsParallel(x, (r, n) -> VectorKernels.layerNormForward(x.rows(r, n), gamma, beta, y.rows(r, n), mean,
                    rstd, r, eps));
            return;
        }
        Storage xs = x.s();
        Storage ys = y.s();
        Storage g = gamma.s();
        Storage b = beta.s();
        int go = gamma.offset();
        int bo = beta.offset();
        int c = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            int xo = x.offset() + r * x.ld();
            int yo = y.offset() + r * y.ld();
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += xs.get(xo + j);
            }
            double mu = sum / c;
            double sq = 0;
            for (int j = 0; j < c; j++) {
                double d = xs.get(xo + j) - mu;
                sq += d * d;
            }
            double rs = 1.0 / Math.sqrt(sq / c + eps);
            mean[r] = mu;
            rstd[r] = rs;
            for (int j = 0; j < c; j++) {
                ys.set(yo + j, (xs.get(xo + j) - mu) * rs * g.get(go + j) + b.get(bo + j));
            }
        }
    }

    /**
     * Layer norm backward. With {@code x̂ = (x − μ)·rstd} and {@code g = dy·γ}:
     * {@code dx = rstd·(g − mean(g) − x̂·mean(g·x̂))}; {@code dγ += Σ dy·x̂}, {@code dβ += Σ dy}.
     * {@code dx} is accumulated ({@code dx += …}) so the residual stream's gradient can flow in place.
     */
    public static void layerNormBackward(Mat dy, Mat x, Mat gamma, double[] mean, double[] rstd, Mat dx,
            Mat dGamma, Mat dBeta) {
        if (Simd.eligible(dy, x, gamma, dx, dGamma, dBeta)) {
            int parts = Math.min(Parallel.REDUCTION_PARTS, x.rows());
            float[][] dg = new float[parts][x.cols()];
            float[][] db = new float[parts][x.cols()];
            Parallel.forParts(parts, (long) x.rows() * x.cols(), p -> {
                int from = Parallel.start(p, parts, x.rows());
                int n = Parallel.start(p + 1, parts, x.rows()) - from;
                VectorKernels.layerNormBackward(dy.rows(from, n), x.rows(from, n), gamma, mean, rstd, from,
                        dx.rows(from, n), dg[p], db[p]);
            });
            for (int p = 0; p < parts; p++) {                               // fixed order: deterministic
                for (int j = 0; j < x.cols(); j++) {
                    dGamma.add(0, j, dg[p][j]);
                    dBeta.add(0, j, db[p][j]);
                }
            }
            return;
        }
        int c = x.cols();
        Storage ds = dy.s();
        Storage xs = x.s();
        Storage dxs = dx.s();
        Storage g = gamma.s();
        int go = gamma.offset();
        double[] dg = new double[c];
        double[] db = new double[c];
        for (int r = 0; r < x.rows(); r++) {
            int dyo = dy.offset() + r * dy.ld();
            int xo = x.offset() + r * x.ld();
            int dxo = dx.offset() + r * dx.ld();
            double mu = mean[r];
            double rs = rstd[r];
            double sumG = 0;
            double sumGX = 0;
            for (int j = 0; j < c; j++) {
                double d = ds.get(dyo + j);
                double xh = (xs.get(xo + j) - mu) * rs;
                double gj = d * g.get(go + j);
                sumG += gj;
                sumGX += gj * xh;
                dg[j] += d * xh;
                db[j] += d;
            }
            double mG = sumG / c;
            double mGX = sumGX / c;
            for (int j = 0; j < c; j++) {
                double xh = (xs.get(xo + j) - mu) * rs;
                double gj = ds.get(dyo + j) * g.get(go + j);
                dxs.set(dxo + j, dxs.get(dxo + j) + rs * (gj - mG - xh * mGX));
            }
        }
        for (int j = 0; j < c; j++) {
            dGamma.add(0, j, dg[j]);
            dBeta.add(0, j, db[j]);
        }
    }

    /**
     * Scaled softmax of one row over columns {@code [lo, hi)}; columns outside are set to 0 (masked).
     * {@code p[j] = exp(scale·s[j] − m) / Σ}. Fully masked rows ({@code lo >= hi}) become all zero.
     */
    public static void softmaxRow(Mat s, int row, double scale, int lo, int hi) {
        if (scale > 0 && Simd.eligible(s)) {
            VectorKernels.softmaxRow(s, row, (float) scale, lo, hi);
            return;
        }
        Storage st = s.s();
        int o = s.offset() + row * s.ld();
        int n = s.cols();
        for (int j = 0; j < lo; j++) {
            st.set(o + j, 0);
        }
        for (int j = Math.max(hi, lo); j < n; j++) {
            st.set(o + j, 0);
        }
        if (lo >= hi) {
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = lo; j < hi; j++) {
            max = Math.max(max, st.get(o + j) * scale);
        }
        double z = 0;
        for (int j = lo; j < hi; j++) {
            double e = Math.exp(st.get(o + j) * scale - max);
            st.set(o + j, e);
            z += e;
        }
        double inv = 1.0 / z;
        for (int j = lo; j < hi; j++) {
            st.set(o + j, st.get(o + j) * inv);
        }
    }

    /**
     * Softmax backward for one row restricted to {@code [lo, hi)}: given probabilities {@code p} and
     * {@code dP} (in place), writes {@code dS = scale·p ⊙ (dP − Σ p·dP)}, zero outside the range.
     */
    public static void softmaxBackwardRow(Mat p, Mat dp, int row, double scale, int lo, int hi) {
        if (Simd.eligible(p, dp)) {
            VectorKernels.softmaxBackwardRow(p, dp, row, (float) scale, lo, hi);
            return;
        }
        Storage ps = p.s();
        Storage ds = dp.s();
        int po = p.offset() + row * p.ld();
        int dO = dp.offset() + row * dp.ld();
        int n = dp.cols();
        double dot = 0;
        for (int j = lo; j < hi; j++) {
            dot += ps.get(po + j) * ds.get(dO + j);
        }
        for (int j = 0; j < lo; j++) {
            ds.set(dO + j, 0);
        }
        for (int j = lo; j < hi; j++) {
            ds.set(dO + j, scale * ps.get(po + j) * (ds.get(dO + j) - dot));
        }
        for (int j = Math.max(hi, lo); j < n; j++) {
            ds.set(dO + j, 0);
        }
    }

    /**
     * Softmax + cross-entropy, fused: for each row with a target {@code >= 0}, adds
     * {@code −log softmax(logits)[target]} to the returned sum and, when {@code gradScale != 0},
     * overwrites the row with {@code gradScale·(softmax − onehot)}. Rows whose target is negative
     * (ignored, e.g. padding) get a zero gradient and no loss.
     *
     * @param logits (N, V), overwritten by the gradient when {@code gradScale != 0}
     * @param targets N target ids
     * @return summed loss over counted rows, in nats
     */
    public static double softmaxCrossEntropy(Mat logits, int[] targets, double gradScale) {
        return softmaxCrossEntropy(logits, targets, gradScale, logits);
    }

    /**
     * As {@link #softmaxCrossEntropy(Mat, int[], double)}, but the gradient goes to {@code grad}
     * (same shape; may be {@code logits}), so loss and gradient come from one read of the logits
     * and the logits stay intact.
     */
    public static double softmaxCrossEntropy(Mat logits, int[] targets, double gradScale, Mat grad) {
        if (grad != logits) {
            logits.checkSameShape(grad);
        }
        if (Simd.eligible(logits, grad)) {
            int parts = Math.min(Parallel.REDUCTION_PARTS, logits.rows());
            double[] totals = new double[parts];
            Parallel.forParts(parts, (long) logits.rows() * logits.cols(), p -> {
                int from = Parallel.start(p, parts, logits.rows());
                int n = Parallel.start(p + 1, parts, logits.rows()) - from;
                totals[p] = VectorKernels.softmaxCrossEntropy(logits.rows(from, n), targets, from, (float) gradScale,
                        grad.rows(from, n));
            });
            double total = 0;
            for (double t : totals) {
                total += t;
            }
            return total;
        }
        Storage st = logits.s();
        Storage gs = grad.s();
        int v = logits.cols();
        double total = 0;
        for (int r = 0; r < logits.rows(); r++) {
            int o = logits.offset() + r * logits.ld();
            int go = grad.offset() + r * grad.ld();
            int t = targets[r];
            if (t < 0) {
                if (gradScale != 0) {
                    gs.zero(go, v);
                }
                continue;
            }
            if (t >= v) {
                throw new IllegalArgumentException("target id " + t + " outside vocabulary of " + v);
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < v; j++) {
                max = Math.max(max, st.get(o + j));
            }
            double z = 0;
            for (int j = 0; j < v; j++) {
                z += Math.exp(st.get(o + j) - max);
            }
            double logZ = Math.log(z) + max;
            total += logZ - st.get(o + t);
            if (gradScale != 0) {
                for (int j = 0; j < v; j++) {
                    gs.set(go + j, gradScale * Math.exp(st.get(o + j) - logZ));
                }
                gs.set(go + t, gs.get(go + t) - gradScale);
            }
        }
        return total;
    }

    /** In place {@code x = x ⊙ mask} where the mask holds {@code 0} or {@code 1/(1−p)}. */
    public static void multiply(Mat x, Mat mask) {
        if (Simd.eligible(x, mask)) {
            rowsParallel(x, (r, n) -> VectorKernels.multiply(x.rows(r, n), mask.rows(r, n)));
            return;
        }
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            int mo = mask.offset() + r * mask.ld();
            for (int j = 0; j < x.cols(); j++) {
                x.s().set(o + j, x.s().get(o + j) * mask.s().get(mo + j));
            }
        }
    }

    /** Elements {@code [from, from + n)} of a contiguous window, as one row. */
    private static Mat slice(Mat m, int from, int n) {
        if (!m.contiguous()) {
            throw new IllegalArgumentException("adam needs contiguous buffers");
        }
        return new Mat(m.s(), m.offset() + from, 1, n, n);
    }

    /**
     * Causal masked softmax of every row of {@code s (R·L, L)}: row {@code r} is query position
     * {@code i = r mod L} and keeps columns {@code [0, i]}. One parallel pass for all heads.
     */
    public static void causalSoftmax(Mat s, int length, double scale) {
        causalSoftmax(s, length, scale, length);
    }

    /**
     * {@link #causalSoftmax(Mat, int, double)} for rows processed in causal chunks of
     * {@code chunk}: row {@code i} is written up to the end of its chunk only, the columns that
     * chunked GEMMs read; the columns after it are left as they were.
     */
    public static void causalSoftmax(Mat s, int length, double scale, int chunk) {
        if (scale > 0 && Simd.eligible(s)) {
            rowsParallel(s, (r, n) -> {
                for (int k = r; k < r + n; k++) {
                    int i = k % length;
                    VectorKernels.softmaxRow(s.cols(0, chunkEnd(i, chunk, length)), k, (float) scale, 0, i + 1);
                }
            });
            return;
        }
        for (int k = 0; k < s.rows(); k++) {
            int i = k % length;
            softmaxRow(s.cols(0, chunkEnd(i, chunk, length)), k, scale, 0, i + 1);
        }
    }

    private static int chunkEnd(int i, int chunk, int length) {
        return Math.min(length, (i / chunk + 1) * chunk);
    }

    /** Backward of {@link #causalSoftmax}: {@code dp} becomes {@code dS} in place, row by row. */
    public static void causalSoftmaxBackward(Mat p, Mat dp, int length, double scale) {
        causalSoftmaxBackward(p, dp, length, scale, length);
    }

    /** Backward of {@link #causalSoftmax(Mat, int, double, int)}, chunk-limited the same way. */
    public static void causalSoftmaxBackward(Mat p, Mat dp, int length, double scale, int chunk) {
        if (Simd.eligible(p, dp)) {
            rowsParallel(dp, (r, n) -> {
                for (int k = r; k < r + n; k++) {
                    int i = k % length;
                    VectorKernels.softmaxBackwardRow(p, dp.cols(0, chunkEnd(i, chunk, length)), k, (float) scale, 0,
                            i + 1);
                }
            });
            return;
        }
        for (int k = 0; k < dp.rows(); k++) {
            int i = k % length;
            softmaxBackwardRow(p, dp.cols(0, chunkEnd(i, chunk, length)), k, scale, 0, i + 1);
        }
    }

    /** Global L2 norm of a window. */
    public static double norm2(Mat x) {
        if (Simd.eligible(x)) {
            if (x.rows() == 1) {                                            // flat buffers: split the columns
                int parts = Parallel.REDUCTION_PARTS;
                double[] sums = new double[parts];
                Parallel.forParts(parts, x.cols(), p -> {
                    int from = Parallel.start(p, parts, x.cols());
                    sums[p] = VectorKernels.sumOfSquares(x.cols(from, Parallel.start(p + 1, parts, x.cols()) - from));
                });
                double total = 0;
                for (double v : sums) {
                    total += v;
                }
                return Math.sqrt(total);
            }
            return Math.sqrt(VectorKernels.sumOfSquares(x));
        }
        double s = 0;
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            for (int j = 0; j < x.cols(); j++) {
                double v = x.s().get(o + j);
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * One fused Adam(W) step over flat buffers (Kingma and Ba 2015, decoupled weight decay of
     * Loshchilov and Hutter 2019): {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
     * {@code w −= lr·(m̂/(sqrt(v̂)+ε) + wd·w)}; {@code g} is scaled by {@code gradScale} first (clipping).
     */
    public static void adam(Mat w, Mat g, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
            double weightDecay, long step, double gradScale) {
        if (Simd.eligible(w, g, m, v)) {
            float c1 = (float) (1 - Math.pow(beta1, step));
            float c2 = (float) (1 - Math.pow(beta2, step));
            int n = w.rows() * w.cols();
            int parts = Parallel.rowParts(n);
            Parallel.forParts(parts, n, p -> {
                int from = Parallel.start(p, parts, n);
                int len = Parallel.start(p + 1, parts, n) - from;
                if (len > 0) {
                    VectorKernels.adam(slice(w, from, len), slice(g, from, len), slice(m, from, len),
                            slice(v, from, len), (float) lr, (float) beta1, (float) beta2, (float) eps,
                            (float) weightDecay, c1, c2, (float) gradScale);
                }
            });
            return;
        }
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        Storage ws = w.s();
        Storage gs = g.s();
        Storage ms = m.s();
        Storage vs = v.s();
        int n = w.cols() * w.rows();
        int wo = w.offset();
        int go = g.offset();
        int mo = m.offset();
        int vo = v.offset();
        for (int i = 0; i < n; i++) {
            double gi = gs.get(go + i) * gradScale;
            double mi = beta1 * ms.get(mo + i) + (1 - beta1) * gi;
            double vi = beta2 * vs.get(vo + i) + (1 - beta2) * gi * gi;
            ms.set(mo + i, mi);
            vs.set(vo + i, vi);
            double wi = ws.get(wo + i);
            ws.set(wo + i, wi - lr * ((mi / c1) / (Math.sqrt(vi / c2) + eps) + weightDecay * wi));
        }
    }
}

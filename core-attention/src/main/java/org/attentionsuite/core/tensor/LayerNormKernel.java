package org.attentionsuite.core.tensor;

import static org.attentionsuite.core.tensor.Lanes.W;
import static org.attentionsuite.core.tensor.Lanes.bb;
import static org.attentionsuite.core.tensor.Lanes.load;
import static org.attentionsuite.core.tensor.Lanes.store;
import static org.attentionsuite.core.tensor.Lanes.sum;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Layer normalisation over the last axis (Ba et al. 2016), forward and backward, each one pass
 * per row. float32 data runs the vector form ({@link Vectorized}, see {@link Lanes}) on parallel
 * row ranges; float64 (gradient checks) and JVMs without the vector module run the scalar loops.
 */
public final class LayerNormKernel {
    private LayerNormKernel() {
    }

    /**
     * {@code y = (x − μ)·rstd·γ + β} with {@code rstd = 1/sqrt(var + eps)}; saves {@code μ} and
     * {@code rstd} (one per row) for backward.
     *
     * @param x    (N, C)
     * @param gamma (1, C)
     * @param beta (1, C)
     * @param y    (N, C) output, may not alias x
     * @param mean (N) saved
     * @param rstd (N) saved
     */
    public static void forward(Mat x, Mat gamma, Mat beta, Mat y, double[] mean, double[] rstd, double eps) {
        if (Simd.eligible(x, gamma, beta, y)) {
            Elementwise.rowsParallel(x, (r, n) -> Vectorized.forward(x.rows(r, n), gamma, beta, y.rows(r, n), mean,
                    rstd, r, eps));
            return;
        }
        int c = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += x.get(r, j);
            }
            double mu = sum / c;
            double sq = 0;
            for (int j = 0; j < c; j++) {
                double d = x.get(r, j) - mu;
                sq += d * d;
            }
            double rs = 1.0 / Math.sqrt(sq / c + eps);
            mean[r] = mu;
            rstd[r] = rs;
            for (int j = 0; j < c; j++) {
                y.set(r, j, (x.get(r, j) - mu) * rs * gamma.get(0, j) + beta.get(0, j));
            }
        }
    }

    /**
     * With {@code x̂ = (x − μ)·rstd} and {@code g = dy·γ}: {@code dx = rstd·(g − mean(g) − x̂·mean(g·x̂))};
     * {@code dγ += Σ dy·x̂}, {@code dβ += Σ dy}. {@code dx} is accumulated ({@code dx += …}) so the
     * residual stream's gradient can flow in place.
     */
    public static void backward(Mat dy, Mat x, Mat gamma, double[] mean, double[] rstd, Mat dx, Mat dGamma,
            Mat dBeta) {
        if (Simd.eligible(dy, x, gamma, dx, dGamma, dBeta)) {
            int parts = Math.min(Parallel.REDUCTION_PARTS, x.rows());
            float[][] dg = new float[parts][x.cols()];
            float[][] db = new float[parts][x.cols()];
            Parallel.forParts(parts, (long) x.rows() * x.cols(), p -> {
                int from = Parallel.start(p, parts, x.rows());
                int n = Parallel.start(p + 1, parts, x.rows()) - from;
                Vectorized.backward(dy.rows(from, n), x.rows(from, n), gamma, mean, rstd, from, dx.rows(from, n),
                        dg[p], db[p]);
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
        double[] dg = new double[c];
        double[] db = new double[c];
        for (int r = 0; r < x.rows(); r++) {
            double mu = mean[r];
            double rs = rstd[r];
            double sumG = 0;
            double sumGX = 0;
            for (int j = 0; j < c; j++) {
                double d = dy.get(r, j);
                double xh = (x.get(r, j) - mu) * rs;
                double gj = d * gamma.get(0, j);
                sumG += gj;
                sumGX += gj * xh;
                dg[j] += d * xh;
                db[j] += d;
            }
            double mG = sumG / c;
            double mGX = sumGX / c;
            for (int j = 0; j < c; j++) {
                double xh = (x.get(r, j) - mu) * rs;
                double gj = dy.get(r, j) * gamma.get(0, j);
                dx.add(r, j, rs * (gj - mG - xh * mGX));
            }
        }
        for (int j = 0; j < c; j++) {
            dGamma.add(0, j, dg[j]);
            dBeta.add(0, j, db[j]);
        }
    }

    /** The float32 forms. */
    private static final class Vectorized {
        private Vectorized() {
        }

        /** Rows of {@code x} are rows {@code first..} of the saved statistics. */
        static void forward(Mat x, Mat gamma, Mat beta, Mat y, double[] mean, double[] rstd, int first, double eps) {
            ByteBuffer xb = bb(x);
            ByteBuffer yb = bb(y);
            ByteBuffer g = bb(gamma);
            ByteBuffer be = bb(beta);
            int go = gamma.offset();
            int bo = beta.offset();
            int c = x.cols();
            for (int r = 0; r < x.rows(); r++) {
                int xo = x.offset() + r * x.ld();
                int yo = y.offset() + r * y.ld();
                float mu = sum(xb, xo, c) / c;
                FloatVector acc = FloatVector.zero(Lanes.S);
                int i = 0;
                for (int up = c - W; i <= up; i += W) {
                    FloatVector d = load(xb, xo + i).sub(mu);
                    acc = d.fma(d, acc);
                }
                float sq = acc.reduceLanes(VectorOperators.ADD);
                for (; i < c; i++) {
                    float d = xb.getFloat((xo + i) << 2) - mu;
                    sq += d * d;
                }
                float rs = (float) (1.0 / Math.sqrt(sq / c + eps));
                mean[first + r] = mu;
                rstd[first + r] = rs;
                i = 0;
                for (int up = c - W; i <= up; i += W) {
                    FloatVector v = load(xb, xo + i).sub(mu).mul(rs).mul(load(g, go + i)).add(load(be, bo + i));
                    store(v, yb, yo + i);
                }
                for (; i < c; i++) {
                    float v = (xb.getFloat((xo + i) << 2) - mu) * rs * g.getFloat((go + i) << 2)
                            + be.getFloat((bo + i) << 2);
                    yb.putFloat((yo + i) << 2, v);
                }
            }
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(gamma);
            Reference.reachabilityFence(beta);
            Reference.reachabilityFence(y);
        }

        /** Adds this row range's gain and bias gradients into {@code dg} and {@code dbeta}. */
        static void backward(Mat dy, Mat x, Mat gamma, double[] mean, double[] rstd, int first, Mat dx, float[] dg,
                float[] dbeta) {
            int c = x.cols();
            ByteBuffer db = bb(dy);
            ByteBuffer xb = bb(x);
            ByteBuffer dxb = bb(dx);
            ByteBuffer g = bb(gamma);
            int go = gamma.offset();
            for (int r = 0; r < x.rows(); r++) {
                int dyo = dy.offset() + r * dy.ld();
                int xo = x.offset() + r * x.ld();
                int dxo = dx.offset() + r * dx.ld();
                float mu = (float) mean[first + r];
                float rs = (float) rstd[first + r];
                FloatVector sg = FloatVector.zero(Lanes.S);
                FloatVector sgx = FloatVector.zero(Lanes.S);
                int i = 0;
                for (int up = c - W; i <= up; i += W) {
                    FloatVector d = load(db, dyo + i);
                    FloatVector xh = load(xb, xo + i).sub(mu).mul(rs);
                    FloatVector gj = d.mul(load(g, go + i));
                    sg = sg.add(gj);
                    sgx = gj.fma(xh, sgx);
                    d.fma(xh, FloatVector.fromArray(Lanes.S, dg, i)).intoArray(dg, i);
                    d.add(FloatVector.fromArray(Lanes.S, dbeta, i)).intoArray(dbeta, i);
                }
                float sumG = sg.reduceLanes(VectorOperators.ADD);
                float sumGX = sgx.reduceLanes(VectorOperators.ADD);
                for (; i < c; i++) {
                    float d = db.getFloat((dyo + i) << 2);
                    float xh = (xb.getFloat((xo + i) << 2) - mu) * rs;
                    float gj = d * g.getFloat((go + i) << 2);
                    sumG += gj;
                    sumGX += gj * xh;
                    dg[i] += d * xh;
                    dbeta[i] += d;
                }
                float mG = sumG / c;
                float mGX = sumGX / c;
                i = 0;
                for (int up = c - W; i <= up; i += W) {
                    FloatVector xh = load(xb, xo + i).sub(mu).mul(rs);
                    FloatVector gj = load(db, dyo + i).mul(load(g, go + i));
                    FloatVector v = gj.sub(mG).sub(xh.mul(mGX)).mul(rs).add(load(dxb, dxo + i));
                    store(v, dxb, dxo + i);
                }
                for (; i < c; i++) {
                    float xh = (xb.getFloat((xo + i) << 2) - mu) * rs;
                    float gj = db.getFloat((dyo + i) << 2) * g.getFloat((go + i) << 2);
                    dxb.putFloat((dxo + i) << 2, dxb.getFloat((dxo + i) << 2) + rs * (gj - mG - xh * mGX));
                }
            }
            Reference.reachabilityFence(dy);
            Reference.reachabilityFence(x);
            Reference.reachabilityFence(gamma);
            Reference.reachabilityFence(dx);
        }
    }
}

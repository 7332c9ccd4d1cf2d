package org.attentionsuite.core.tensor;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 versions of the fused kernels with the JDK's vector API (SIMD lanes over the native
 * buffers, vectorised {@code exp}); measured 5–8x faster than the scalar loops on AVX-512. Every
 * reference to {@code jdk.incubator.vector} lives in this class: {@link Kernels} calls it only when
 * the module is present and the data is float32 ({@link Simd#eligible}), and otherwise runs the scalar
 * code, which is also the float64 path used by the gradient checks. Tests run both against naive
 * references.
 *
 * <p>Each method ends with {@code reachabilityFence} on its windows: a direct buffer taken from
 * ND4J memory does not keep the ND4J array alive, and without the fence a garbage collection in
 * the middle of a loop could free memory that is still being read.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int W = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private VectorKernels() {
    }

    private static ByteBuffer bb(Mat m) {
        return ((Storage.F32) m.s()).bytes();
    }

    private static FloatVector load(ByteBuffer b, int index) {
        return FloatVector.fromByteBuffer(S, b, index << 2, NATIVE);
    }

    private static void store(FloatVector v, ByteBuffer b, int index) {
        v.intoByteBuffer(b, index << 2, NATIVE);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2^23: x + ROUND − ROUND rounds to nearest
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    /**
     * {@code e^x} lane-wise from additions and multiplications only: {@code x = n·ln2 + r},
     * {@code e^r} by the Cephes single-precision polynomial (|r| ≤ ln2/2, about 1 ulp), times
     * {@code 2^n} built in the exponent bits; inputs are clamped to [−87, 88]. Not {@code lanewise(EXP)}: that one is an intrinsic
     * once compiled but a different Java fallback while interpreted, so results would depend on
     * JIT timing and a resumed run would not repeat an uninterrupted one bit for bit.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(-87.0f).min(88.0f);                              // e^-87 ≈ 1.6e-38
        FloatVector t = xc.mul(LOG2E).add(ROUND);                               // bits hold round(x·log2 e)
        FloatVector n = t.sub(ROUND);
        FloatVector r = xc.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f);
        p = p.mul(r).add(8.3334519073E-3f);
        p = p.mul(r).add(4.1665795894E-2f);
        p = p.mul(r).add(1.6666665459E-1f);
        p = p.mul(r).add(5.0000001201E-1f);
        p = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n from the integer already in t's mantissa (convert(F2I) is not intrinsified in JDK 17)
        IntVector bits = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    /** Scalar twin of {@link #exp(FloatVector)} for loop tails, so every element rounds alike. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, -87.0f), 88.0f);
        float t = xc * LOG2E + ROUND;
        float n = t - ROUND;
        float r = (xc - n * LN2_HI) - n * LN2_LO;
        float p = r * 1.9875691500E-4f + 1.3981999507E-3f;
        p = p * r + 8.3334519073E-3f;
        p = p * r + 4.1665795894E-2f;
        p = p * r + 1.6666665459E-1f;
        p = p * r + 5.0000001201E-1f;
        p = p * (r * r) + r + 1f;
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUND_BITS - 127)) << 23);
    }

    private static void zeroRange(ByteBuffer b, int from, int n) {
        FloatVector z = FloatVector.zero(S);
        int i = 0;
        for (int up = n - W; i <= up; i += W) {
            store(z, b, from + i);
        }
        for (; i < n; i++) {
            b.putFloat((from + i) << 2, 0f);
        }
    }

    static void zero(Mat c) {
        ByteBuffer b = bb(c);
        for (int r = 0; r < c.rows(); r++) {
            zeroRange(b, c.offset() + r * c.ld(), c.cols());
        }
        Reference.reachabilityFence(c);
    }

    static void scale(Mat c, float beta) {
        ByteBuffer b = bb(c);
        for (int r = 0; r < c.rows(); r++) {
            int o = c.offset() + r * c.ld();
            int n = c.cols();
            int i = 0;
            for (int up = n - W; i <= up; i += W) {
                store(load(b, o + i).mul(beta), b, o + i);
            }
            for (; i < n; i++) {
                b.putFloat((o + i) << 2, b.getFloat((o + i) << 2) * beta);
            }
        }
        Reference.reachabilityFence(c);
    }

    /** {@code dst = src} (alpha = 0, copy) or {@code dst += alpha·src}. */
    static void axpy(Mat src, Mat dst, float alpha, boolean copy) {
        ByteBuffer s = bb(src);
        ByteBuffer d = bb(dst);
        int n = dst.cols();
        for (int r = 0; r < dst.rows(); r++) {
            int so = src.offset() + r * src.ld();
            int o = dst.offset() + r * dst.ld();
            int i = 0;
            if (copy) {
                for (int up = n - W; i <= up; i += W) {
                    store(load(s, so + i), d, o + i);
                }
                for (; i < n; i++) {
                    d.putFloat((o + i) << 2, s.getFloat((so + i) << 2));
                }
            } else {
                for (int up = n - W; i <= up; i += W) {
                    store(load(s, so + i).mul(alpha).add(load(d, o + i)), d, o + i);
                }
                for (; i < n; i++) {
                    d.putFloat((o + i) << 2, d.getFloat((o + i) << 2) + alpha * s.getFloat((so + i) << 2));
                }
            }
        }
        Reference.reachabilityFence(src);
        Reference.reachabilityFence(dst);
    }

    /** {@code x = x ⊙ m}. */
    static void multiply(Mat x, Mat m) {
        ByteBuffer b = bb(x);
        ByteBuffer mb = bb(m);
        int n = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            int mo = m.offset() + r * m.ld();
            int i = 0;
            for (int up = n - W; i <= up; i += W) {
                store(load(b, o + i).mul(load(mb, mo + i)), b, o + i);
            }
            for (; i < n; i++) {
                b.putFloat((o + i) << 2, b.getFloat((o + i) << 2) * mb.getFloat((mo + i) << 2));
            }
        }
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(m);
    }

    /** {@code x += bias}, and {@code relu} after it when asked. */
    static void addBias(Mat x, Mat bias, boolean relu) {
        ByteBuffer b = bb(x);
        ByteBuffer bb = bb(bias);
        int bo = bias.offset();
        int n = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            int i = 0;
            for (int up = n - W; i <= up; i += W) {
                FloatVector v = load(b, o + i).add(load(bb, bo + i));
                store(relu ? v.max(0f) : v, b, o + i);
            }
            for (; i < n; i++) {
                float v = b.getFloat((o + i) << 2) + bb.getFloat((bo + i) << 2);
                b.putFloat((o + i) << 2, relu ? Math.max(v, 0f) : v);
            }
        }
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(bias);
    }

    /** {@code dy = 0 where y <= 0}. */
    static void reluBackward(Mat dy, Mat y) {
        ByteBuffer d = bb(dy);
        ByteBuffer yb = bb(y);
        int n = dy.cols();
        for (int r = 0; r < dy.rows(); r++) {
            int o = dy.offset() + r * dy.ld();
            int yo = y.offset() + r * y.ld();
            int i = 0;
            for (int up = n - W; i <= up; i += W) {
                FloatVector g = load(d, o + i);
                store(g.blend(0f, load(yb, yo + i).compare(VectorOperators.LE, 0f)), d, o + i);
            }
            for (; i < n; i++) {
                if (!(yb.getFloat((yo + i) << 2) > 0)) {
                    d.putFloat((o + i) << 2, 0f);
                }
            }
        }
        Reference.reachabilityFence(dy);
        Reference.reachabilityFence(y);
    }

    private static float sum(ByteBuffer b, int o, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = n - W; i <= up; i += W) {
            acc = acc.add(load(b, o + i));
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += b.getFloat((o + i) << 2);
        }
        return s;
    }

    /** Rows of {@code x} are rows {@code first..} of the saved statistics. */
    static void layerNormForward(Mat x, Mat gamma, Mat beta, Mat y, double[] mean, double[] rstd, int first,
            double eps) {
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
            FloatVector acc = FloatVector.zero(S);
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
                float v = (xb.getFloat((xo + i) << 2) - mu) * rs * g.getFloat((go + i) << 2) + be.getFloat((bo + i) << 2);
                yb.putFloat((yo + i) << 2, v);
            }
        }
        Reference.reachabilityFence(x);
        Reference.reachabilityFence(gamma);
        Reference.reachabilityFence(beta);
        Reference.reachabilityFence(y);
    }

    /** Adds this row range's gain and bias gradients into {@code dg} and {@code dbeta}. */
    static void layerNormBackward(Mat dy, Mat x, Mat gamma, double[] mean, double[] rstd, int first, Mat dx,
            float[] dg, float[] dbeta) {
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
            FloatVector sg = FloatVector.zero(S);
            FloatVector sgx = FloatVector.zero(S);
            int i = 0;
            for (int up = c - W; i <= up; i += W) {
                FloatVector d = load(db, dyo + i);
                FloatVector xh = load(xb, xo + i).sub(mu).mul(rs);
                FloatVector gj = d.mul(load(g, go + i));
                sg = sg.add(gj);
                sgx = gj.fma(xh, sgx);
                d.fma(xh, FloatVector.fromArray(S, dg, i)).intoArray(dg, i);
                d.add(FloatVector.fromArray(S, dbeta, i)).intoArray(dbeta, i);
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

    static void softmaxRow(Mat s, int row, float scale, int lo, int hi) {
        ByteBuffer b = bb(s);
        int o = s.offset() + row * s.ld();
        int n = s.cols();
        if (lo >= hi) {
            zeroRange(b, o, n);
            Reference.reachabilityFence(s);
            return;
        }
        zeroRange(b, o, lo);
        zeroRange(b, o + hi, n - hi);
        int base = o + lo;
        int len = hi - lo;
        // scale > 0, so max(scale·x) = scale·max(x). One small method per pass: the JIT compiles
        // them far better than one fused loop nest (measured 1.0 vs 3.8 ns per element).
        float shift = maxOf(b, base, len) * scale;
        float z = expShiftedInPlace(b, base, len, scale, shift);
        scaleInPlace(b, base, len, 1f / z);
        Reference.reachabilityFence(s);
    }

    private static float maxOf(ByteBuffer b, int base, int len) {
        FloatVector mv = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            mv = mv.max(load(b, base + i));
        }
        float max = mv.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, b.getFloat((base + i) << 2));
        }
        return max;
    }

    /** {@code x = exp(scale·x − shift)} in place; returns the sum. */
    private static float expShiftedInPlace(ByteBuffer b, int base, int len, float scale, float shift) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            FloatVector e = exp(load(b, base + i).mul(scale).sub(shift));
            store(e, b, base + i);
            acc = acc.add(e);
        }
        float z = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            float e = exp(b.getFloat((base + i) << 2) * scale - shift);
            b.putFloat((base + i) << 2, e);
            z += e;
        }
        return z;
    }

    private static void scaleInPlace(ByteBuffer b, int base, int len, float factor) {
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            store(load(b, base + i).mul(factor), b, base + i);
        }
        for (; i < len; i++) {
            b.putFloat((base + i) << 2, b.getFloat((base + i) << 2) * factor);
        }
    }

    static void softmaxBackwardRow(Mat p, Mat dp, int row, float scale, int lo, int hi) {
        ByteBuffer pb = bb(p);
        ByteBuffer db = bb(dp);
        int po = p.offset() + row * p.ld();
        int o = dp.offset() + row * dp.ld();
        int n = dp.cols();
        int len = Math.max(0, hi - lo);
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            acc = load(pb, po + lo + i).fma(load(db, o + lo + i), acc);
        }
        float dot = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            dot += pb.getFloat((po + lo + i) << 2) * db.getFloat((o + lo + i) << 2);
        }
        zeroRange(db, o, Math.min(lo, n));
        i = 0;
        for (int up = len - W; i <= up; i += W) {
            FloatVector v = load(db, o + lo + i).sub(dot).mul(load(pb, po + lo + i)).mul(scale);
            store(v, db, o + lo + i);
        }
        for (; i < len; i++) {
            int k = (o + lo + i) << 2;
            db.putFloat(k, scale * pb.getFloat((po + lo + i) << 2) * (db.getFloat(k) - dot));
        }
        int from = Math.max(hi, lo);
        if (from < n) {
            zeroRange(db, o + from, n - from);
        }
        Reference.reachabilityFence(p);
        Reference.reachabilityFence(dp);
    }

    /**
     * Rows of {@code logits} are rows {@code first..} of {@code targets}; the gradient goes to
     * {@code grad} (same shape, may be {@code logits} itself) when {@code gradScale != 0}.
     */
    static double softmaxCrossEntropy(Mat logits, int[] targets, int first, float gradScale, Mat grad) {
        ByteBuffer b = bb(logits);
        ByteBuffer gb = bb(grad);
        int v = logits.cols();
        double total = 0;
        for (int r = 0; r < logits.rows(); r++) {
            int o = logits.offset() + r * logits.ld();
            int go = grad.offset() + r * grad.ld();
            int t = targets[first + r];
            if (t < 0) {
                if (gradScale != 0) {
                    zeroRange(gb, go, v);
                }
                continue;
            }
            if (t >= v) {
                throw new IllegalArgumentException("target id " + t + " outside vocabulary of " + v);
            }
            // small methods per pass, as in softmaxRow: exp inlines into each loop
            float max = maxOf(b, o, v);
            float logZ = (float) (Math.log(sumExpShifted(b, o, v, max)) + max);
            total += logZ - b.getFloat((o + t) << 2);
            if (gradScale != 0) {
                softmaxGradient(b, o, gb, go, v, logZ, gradScale);
                gb.putFloat((go + t) << 2, gb.getFloat((go + t) << 2) - gradScale);
            }
        }
        Reference.reachabilityFence(logits);
        Reference.reachabilityFence(grad);
        return total;
    }

    /** {@code Σ exp(x − shift)} over {@code len} elements, read only. */
    private static double sumExpShifted(ByteBuffer b, int base, int len, float shift) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            acc = acc.add(exp(load(b, base + i).sub(shift)));
        }
        double z = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            z += exp(b.getFloat((base + i) << 2) - shift);
        }
        return z;
    }

    /** {@code g = scale·exp(x − logZ)} (softmax times the gradient scale); {@code g} may be {@code x}. */
    private static void softmaxGradient(ByteBuffer b, int base, ByteBuffer g, int gBase, int len, float logZ,
            float scale) {
        int i = 0;
        for (int up = len - W; i <= up; i += W) {
            store(exp(load(b, base + i).sub(logZ)).mul(scale), g, gBase + i);
        }
        for (; i < len; i++) {
            g.putFloat((gBase + i) << 2, scale * exp(b.getFloat((base + i) << 2) - logZ));
        }
    }

    static double sumOfSquares(Mat x) {
        ByteBuffer b = bb(x);
        double s = 0;
        for (int r = 0; r < x.rows(); r++) {
            int o = x.offset() + r * x.ld();
            int n = x.cols();
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (int up = n - W; i <= up; i += W) {
                FloatVector v = load(b, o + i);
                acc = v.fma(v, acc);
                if ((i & 4095) == 0) { // flush to double now and then: keeps long sums accurate
                    s += acc.reduceLanes(VectorOperators.ADD);
                    acc = FloatVector.zero(S);
                }
            }
            s += acc.reduceLanes(VectorOperators.ADD);
            for (; i < n; i++) {
                float v = b.getFloat((o + i) << 2);
                s += v * v;
            }
        }
        double result = s;
        Reference.reachabilityFence(x);
        return result;
    }

    static void adam(Mat w, Mat g, Mat m, Mat v, float lr, float beta1, float beta2, float eps, float weightDecay,
            float c1, float c2, float gradScale) {
        ByteBuffer wb = bb(w);
        ByteBuffer gb = bb(g);
        ByteBuffer mb = bb(m);
        ByteBuffer vb = bb(v);
        int n = w.cols() * w.rows();
        int wo = w.offset();
        int go = g.offset();
        int mo = m.offset();
        int vo = v.offset();
        float ic1 = 1f / c1;
        float ic2 = 1f / c2;
        int i = 0;
        for (int up = n - W; i <= up; i += W) {
            FloatVector gi = load(gb, go + i).mul(gradScale);
            FloatVector mi = load(mb, mo + i).mul(beta1).add(gi.mul(1 - beta1));
            FloatVector vi = load(vb, vo + i).mul(beta2).add(gi.mul(gi).mul(1 - beta2));
            store(mi, mb, mo + i);
            store(vi, vb, vo + i);
            FloatVector wi = load(wb, wo + i);
            FloatVector step = mi.mul(ic1).div(vi.mul(ic2).sqrt().add(eps)).add(wi.mul(weightDecay));
            store(wi.sub(step.mul(lr)), wb, wo + i);
        }
        for (; i < n; i++) {
            float gi = gb.getFloat((go + i) << 2) * gradScale;
            float mi = beta1 * mb.getFloat((mo + i) << 2) + (1 - beta1) * gi;
            float vi = beta2 * vb.getFloat((vo + i) << 2) + (1 - beta2) * gi * gi;
            mb.putFloat((mo + i) << 2, mi);
            vb.putFloat((vo + i) << 2, vi);
            float wi = wb.getFloat((wo + i) << 2);
            wb.putFloat((wo + i) << 2, wi - lr * ((mi * ic1) / ((float) Math.sqrt(vi * ic2) + eps) + weightDecay * wi));
        }
        Reference.reachabilityFence(w);
        Reference.reachabilityFence(g);
        Reference.reachabilityFence(m);
        Reference.reachabilityFence(v);
    }
}

package org.attentionsuite.core.tensor;

import static org.attentionsuite.core.tensor.Lanes.W;
import static org.attentionsuite.core.tensor.Lanes.bb;
import static org.attentionsuite.core.tensor.Lanes.load;
import static org.attentionsuite.core.tensor.Lanes.store;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import jdk.incubator.vector.FloatVector;

/**
 * One fused Adam(W) step over flat buffers (Kingma and Ba 2015, decoupled weight decay of
 * Loshchilov and Hutter 2019), one read and write of each buffer. float32 data runs the vector form
 * ({@link Vectorized}, see {@link Lanes}) on parallel slices; float64 (gradient checks) and JVMs
 * without the vector module run the scalar loop.
 */
public final class AdamKernel {
    private AdamKernel() {
    }

    /**
     * {@code m = β1·m + (1−β1)·g}, {@code v = β2·v + (1−β2)·g²},
     * {@code w −= lr·(m̂/(sqrt(v̂)+ε) + wd·w)}; {@code g} is scaled by {@code gradScale} first (clipping).
     */
    public static void update(Mat w, Mat g, Mat m, Mat v, double lr, double beta1, double beta2, double eps,
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
                    Vectorized.update(slice(w, from, len), slice(g, from, len), slice(m, from, len),
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

    /** Elements {@code [from, from + n)} of a contiguous window, as one row. */
    private static Mat slice(Mat m, int from, int n) {
        if (!m.contiguous()) {
            throw new IllegalArgumentException("adam needs contiguous buffers");
        }
        return new Mat(m.s(), m.offset() + from, 1, n, n);
    }

    /** The float32 form. */
    private static final class Vectorized {
        private Vectorized() {
        }

        static void update(Mat w, Mat g, Mat m, Mat v, float lr, float beta1, float beta2, float eps,
                float weightDecay, float c1, float c2, float gradScale) {
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
                wb.putFloat((wo + i) << 2, wi - lr * ((mi * ic1) / ((float) Math.sqrt(vi * ic2) + eps)
                        + weightDecay * wi));
            }
            Reference.reachabilityFence(w);
            Reference.reachabilityFence(g);
            Reference.reachabilityFence(m);
            Reference.reachabilityFence(v);
        }
    }
}

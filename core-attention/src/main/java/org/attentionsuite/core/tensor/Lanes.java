package org.attentionsuite.core.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD building blocks of the float32 kernel forms (JDK vector API lanes over the native
 * buffers): loads and stores, a vectorised {@code exp} with its scalar twin, and the row passes the
 * kernels share. Each kernel class ({@link Softmax}, {@link LayerNormKernel}, {@link Activations},
 * {@link Elementwise}, {@link AdamKernel}) holds its scalar form (float64, gradient checks, the
 * fallback) and, in a nested {@code Vectorized} class beside it, its vector form; only those nested
 * classes and this one name {@code jdk.incubator.vector}, and they are loaded only when
 * {@link Simd#eligible} says the module is present and the data is float32, so a JVM started
 * without the module never links them. Measured 5–8x faster than the scalar loops on AVX-512.
 *
 * <p>Every vector form ends with {@code reachabilityFence} on its windows: a direct buffer taken
 * from ND4J memory does not keep the ND4J array alive, and without the fence a garbage collection
 * in the middle of a loop could free memory that is still being read.
 */
final class Lanes {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int W = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5·2^23: x + ROUND − ROUND rounds to nearest
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    private Lanes() {
    }

    /** The native buffer of a float32 window. */
    static ByteBuffer bb(Mat m) {
        return ((Storage.F32) m.s()).bytes();
    }

    static FloatVector load(ByteBuffer b, int index) {
        return FloatVector.fromByteBuffer(S, b, index << 2, NATIVE);
    }

    static void store(FloatVector v, ByteBuffer b, int index) {
        v.intoByteBuffer(b, index << 2, NATIVE);
    }

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

    /** Zeroes {@code n} elements from {@code from}. */
    static void zeroRange(ByteBuffer b, int from, int n) {
        FloatVector z = FloatVector.zero(S);
        int i = 0;
        for (int up = n - W; i <= up; i += W) {
            store(z, b, from + i);
        }
        for (; i < n; i++) {
            b.putFloat((from + i) << 2, 0f);
        }
    }

    /** The sum of {@code n} elements from {@code o}. */
    static float sum(ByteBuffer b, int o, int n) {
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

    /** The largest of {@code len} elements from {@code base}. */
    static float maxOf(ByteBuffer b, int base, int len) {
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
}

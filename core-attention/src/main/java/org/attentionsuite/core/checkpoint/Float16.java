package org.attentionsuite.core.checkpoint;

/**
 * IEEE 754 binary16 ("half") conversions, round to nearest even, for weights-only checkpoints
 * (Java 17 has no {@code Float.floatToFloat16}). Subnormals, infinities and NaN are kept.
 */
final class Float16 {
    private Float16() {
    }

    /** The binary16 bits nearest to {@code f}. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {                                   // Inf or NaN
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;                              // re-biased exponent
        if (e >= 0x1f) {                                     // too large: infinity
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {                                        // subnormal half or zero
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;                         // implicit leading one
            int shift = 14 - e;                              // 24-bit mantissa to 10-bit subnormal
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;                                          // may carry into the exponent: still right
        }
        return (short) (sign | half);
    }

    /** The float value of binary16 bits {@code h} (exact). */
    static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;                       // subnormal: mant · 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}

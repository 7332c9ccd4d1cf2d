package org.attentionsuite.music.attention;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;
import org.attentionsuite.core.testing.AttentionContract;
import org.junit.jupiter.api.Test;

/**
 * Native bytes a fresh instance allocates in its first forward + backward (inputs, outputs and
 * parameters are allocated before the measurement), batch B = 1, H = 2 heads, float64.
 *
 * <p>Bounds checked:
 * <ul>
 *   <li>skew ({@link RelativeAttention}): bytes = 8·(B·H·L² + 2·min(64, L)·L + 2·L·Dh) (probabilities,
 *       two chunk scratches, gathered table and its gradient), so bytes ≤ 4·8·B·H·(L² + L·Dh); the growth
 *       from L = 128 to 256 is ×3–4.2 (quadratic), and raising Dh 8 → 32 at L = 128 adds less than 1/16 of
 *       the {@code L²·ΔDh·8} bytes an {@code (L, L, Dh)} tensor would add;</li>
 *   <li>pairwise ({@link PairwiseLogits}): allocates at least {@code L²·Dh·8} bytes (the
 *       gathered tensor; backward adds its gradient), and Dh 8 → 32 adds at least {@code L²·ΔDh·8};</li>
 *   <li>local ({@link RelativeLocalAttention}, block 32): linear in L, bytes(512)/bytes(256) in 1.8–2.2.</li>
 * </ul>
 */
class RelativeAttentionMemoryTest {
    private static final int B = 1;
    private static final int H = 2;

    /** Bytes allocated by the first forward + backward of a fresh instance. */
    static long firstPassBytes(AttentionSpec spec, int length, int dh) {
        int d = H * dh;
        Attention a = RelativeFixtures.build(spec, d, H, length, Precision.FLOAT64, 1);
        Mat qkv = AttentionContract.randomQkv(B, length, d, 2);
        Mat out = Mat.zeros(Precision.FLOAT64, B * length, d);
        Mat dOut = RelativeFixtures.randomDOut(B, length, d, 3);
        Mat dqkv = Mat.zeros(Precision.FLOAT64, B * length, 3 * d);
        long before = Storage.allocatedBytes();
        a.forward(qkv, out, B, length);
        a.backward(dOut, dqkv);
        long bytes = Storage.allocatedBytes() - before;
        System.out.printf("memory %-40s L=%4d Dh=%3d: %,d bytes%n", spec.label(), length, dh, bytes);
        return bytes;
    }

    @Test
    void skewedMemoryIsQuadraticInLengthAndLinearInHeadWidth() {
        AttentionSpec spec = new RelativeAttention.Spec(0, false);
        int dh = 16;
        long b64 = firstPassBytes(spec, 64, dh);
        long b128 = firstPassBytes(spec, 128, dh);
        long b256 = firstPassBytes(spec, 256, dh);
        for (int[] point : new int[][] {{64, 0}, {128, 1}, {256, 2}}) {
            int l = point[0];
            long bytes = new long[] {b64, b128, b256}[point[1]];
            long bound = 4L * 8 * B * H * ((long) l * l + (long) l * dh);
            assertTrue(bytes <= bound, "L=" + l + ": " + bytes + " bytes exceed 4·8·B·H·(L² + L·Dh) = " + bound);
            assertTrue(bytes < 8L * l * l * dh, "L=" + l + ": skew allocated an (L, L, Dh)-sized amount");
        }
        double ratio = (double) b256 / b128;
        assertTrue(ratio >= 3.0 && ratio <= 4.2, "bytes(256)/bytes(128) = " + ratio + ", expected ~4 (quadratic)");

        int l = 128;
        long dh8 = firstPassBytes(spec, l, 8);
        long dh32 = firstPassBytes(spec, l, 32);
        long pairwiseGrowth = 8L * l * l * (32 - 8);
        assertTrue(dh32 - dh8 < pairwiseGrowth / 16, "Dh 8 -> 32 added " + (dh32 - dh8)
                + " bytes; an (L, L, Dh) tensor would add " + pairwiseGrowth);
    }

    @Test
    void pairwiseMemoryGrowsWithLengthSquaredTimesHeadWidth() {
        AttentionSpec spec = new RelativeAttention.Spec(0, false, RelativeAttention.Computation.PAIRWISE);
        for (int l : new int[] {64, 128}) {
            long bytes = firstPassBytes(spec, l, 16);
            assertTrue(bytes >= 8L * l * l * 16, "L=" + l + ": " + bytes + " bytes < L²·Dh·8");
        }
        int l = 64;
        long dh8 = firstPassBytes(spec, l, 8);
        long dh32 = firstPassBytes(spec, l, 32);
        assertTrue(dh8 >= 8L * l * l * 8 && dh32 >= 8L * l * l * 32, "pairwise below L²·Dh·8");
        assertTrue(dh32 - dh8 >= 8L * l * l * (32 - 8), "Dh 8 -> 32 added only " + (dh32 - dh8) + " bytes");
    }

    @Test
    void localMemoryIsLinearInLength() {
        AttentionSpec spec = new RelativeLocalAttention.Spec(32, 0, false);
        long b256 = firstPassBytes(spec, 256, 16);
        long b512 = firstPassBytes(spec, 512, 16);
        double ratio = (double) b512 / b256;
        assertTrue(ratio >= 1.8 && ratio <= 2.2, "bytes(512)/bytes(256) = " + ratio + ", expected ~2 (linear)");
        long global512 = firstPassBytes(new RelativeAttention.Spec(64, false), 512, 16);
        assertTrue(b512 * 4 < global512, "local " + b512 + " bytes vs global " + global512);
    }
}

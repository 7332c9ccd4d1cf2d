package org.attentionsuite.experiments.sweep;

import org.attentionsuite.core.UserError;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.image.attention.LocalAttention1d;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeAttentionPairwise;
import org.attentionsuite.music.attention.RelativeLocalAttention;

/**
 * One attention variant of the sweep, with its analytic cost model (one record per variant).
 *
 * <p>Legend: {@code B} batch, {@code H} heads, {@code Dh} head width, {@code D = H·Dh}, {@code L}
 * length. {@code S} is the number of score entries one (sequence, head) computes: the causal half
 * {@code L(L+1)/2} for the global variants, the sum over query blocks of (block rows x key window)
 * for the local ones.
 *
 * <p>Analytic FLOPs count a multiply-add as 2 and leave out the {@code O(S)} softmax:
 * forward {@code = B·H·S·Dh·(4 + 2r)} ({@code Q·Kᵀ} and {@code P·V}, plus {@code r = 1} for the
 * relative logits {@code q_i·E[i − j]} of the relative variants, which the skew does <em>not</em>
 * make cheaper), forward + backward {@code = 3x} forward (each product has two gradient products).
 *
 * <p>Analytic bytes are the elements of the arrays the variant allocates itself for one forward
 * and backward, times 4 (float32), per the formula of each record below; the learned relative table
 * is a parameter and is not counted.
 */
public sealed interface SweepVariant {
    /** A point of the sweep: the sequence length and, for local 2D, the image side ({@code L = side²}). */
    record Geometry(int length, int side) {
    }

    /** Short name used in tables, charts and on the command line. */
    String label();

    /** The lengths this variant is measured at. */
    default List<Geometry> points(SweepOptions o) {
        List<Geometry> out = new ArrayList<>();
        for (int l : o.lengths()) {
            out.add(new Geometry(l, 0));
        }
        return out;
    }

    /** The spec building the variant at {@code g}. */
    AttentionSpec spec(Geometry g);

    /** {@code S}: score entries of one (sequence, head). */
    long scoreEntries(Geometry g);

    /** Whether the variant adds relative logits ({@code r = 1} in the FLOP formula). */
    default boolean relative() {
        return false;
    }

    /** Elements (not bytes) of the variant's own arrays for one forward and backward. */
    long analyticElements(Geometry g, int batch, int heads, int headDim);

    /** Analytic forward FLOPs, {@code B·H·S·Dh·(4 + 2r)}. */
    default double forwardFlops(Geometry g, int batch, int heads, int headDim) {
        return (double) batch * heads * scoreEntries(g) * headDim * (relative() ? 6 : 4);
    }

    /** Causal half {@code L(L+1)/2}. */
    static long causalPairs(int length) {
        return (long) length * (length + 1) / 2;
    }

    /**
     * Full causal attention. Bytes: saved probabilities {@code B·H·L²} plus one {@code L²} scratch
     * for {@code dP}: {@code (B·H + 1)·L²}. {@code S = L(L+1)/2}.
     */
    record Full() implements SweepVariant {
        @Override
        public String label() {
            return "full";
        }

        @Override
        public AttentionSpec spec(Geometry g) {
            return new FullCausalAttention.Spec();
        }

        @Override
        public long scoreEntries(Geometry g) {
            return causalPairs(g.length());
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long l = g.length();
            return ((long) batch * heads + 1) * l * l;
        }
    }

    /**
     * Local 1D attention (Parmar et al. 2018 §3.3) with query blocks of {@code bl} and {@code M}
     * memory blocks, window {@code W = min(L, (M+1)·bl)}. Bytes: {@code B·H·L·W + min(L, bl)·W}.
     * {@code S = Σ_blocks nq·(nq + min(qs, M·bl))}, about {@code L·(M + ½)·bl}: linear in {@code L}.
     *
     * @param blockLength  {@code bl}
     * @param memoryBlocks {@code M}
     */
    record Local1d(int blockLength, int memoryBlocks) implements SweepVariant {
        public Local1d {
            new LocalAttention1d.Spec(blockLength, memoryBlocks); // validates
        }

        @Override
        public String label() {
            return "local1d(b=" + blockLength + ",m=" + memoryBlocks + ")";
        }

        @Override
        public AttentionSpec spec(Geometry g) {
            return new LocalAttention1d.Spec(blockLength, memoryBlocks);
        }

        @Override
        public long scoreEntries(Geometry g) {
            int l = g.length();
            long s = 0;
            for (int qs = 0; qs < l; qs += blockLength) {
                int nq = Math.min(l, qs + blockLength) - qs;
                int ks = Math.max(0, qs - memoryBlocks * blockLength);
                s += (long) nq * (qs + nq - ks);
            }
            return s;
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long l = g.length();
            long w = Math.min(l, (long) (memoryBlocks + 1) * blockLength);
            return batch * heads * l * w + Math.min(l, blockLength) * w;
        }
    }

    /**
     * Local 2D attention (Parmar et al. 2018 §3.3, Fig. 2 right) on a {@code side x side x 1}
     * image in block-raster order, query blocks {@code q x q}, flanges {@code f} rows above and
     * {@code f} columns each side; measured at the image sides of the options ({@code L = side²}).
     * With {@code Sq = q²} positions per block and {@code Mm} the widest visible memory:
     * bytes {@code B·H·L·Mm + Sq·Mm + 4·Mm·D}; {@code S = Σ_blocks Sq·m_blk}, linear in {@code L}.
     *
     * @param query  {@code q}, query block height and width
     * @param flange {@code f}, flange height and width
     */
    record Local2d(int query, int flange) implements SweepVariant {
        public Local2d {
            if (query <= 0 || flange < 0) {
                throw new UserError("local 2D query (" + query + ") must be positive and flange ("
                        + flange + ") non-negative");
            }
        }

        @Override
        public String label() {
            return "local2d(q=" + query + "x" + query + ",f=" + flange + "x" + flange + ")";
        }

        @Override
        public List<Geometry> points(SweepOptions o) {
            List<Geometry> out = new ArrayList<>();
            for (int side : o.imageSides()) {
                out.add(new Geometry(side * side, side));
            }
            return out;
        }

        @Override
        public LocalAttention2d.Spec spec(Geometry g) {
            return LocalAttention2d.Spec.square(g.side(), 1, query, flange, flange);
        }

        /** Visible memory per query block: keys with index {@code <=} the block's last position. */
        long[] memoryPerBlock(Geometry g) {
            LocalAttention2d.Spec spec = spec(g);
            int blocks = (g.side() / query) * (g.side() / query);
            int s = query * query;
            long[] m = new long[blocks];
            for (int blk = 0; blk < blocks; blk++) {
                int last = (blk + 1) * s - 1;
                for (int idx : LocalAttention2d.memoryIndices(spec, blk)) {
                    if (idx <= last) {
                        m[blk]++;
                    }
                }
            }
            return m;
        }

        @Override
        public long scoreEntries(Geometry g) {
            long s = 0;
            for (long m : memoryPerBlock(g)) {
                s += (long) query * query * m;
            }
            return s;
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long widest = 1;
            for (long m : memoryPerBlock(g)) {
                widest = Math.max(widest, m);
            }
            long d = (long) heads * headDim;
            return (long) batch * heads * g.length() * widest + (long) query * query * widest + 4 * widest * d;
        }
    }

    /**
     * Relative attention as Shaw et al. (2018) compute it: the explicit {@code Rel (L, L, Dh)} tensor
     * per head and its gradient. Bytes: {@code B·H·L² + L² + 2·L²·Dh}. {@code S = L(L+1)/2}.
     */
    record RelativePairwise() implements SweepVariant {
        @Override
        public String label() {
            return "relative-pairwise";
        }

        @Override
        public AttentionSpec spec(Geometry g) {
            return new RelativeAttentionPairwise.Spec(0, false);
        }

        @Override
        public long scoreEntries(Geometry g) {
            return causalPairs(g.length());
        }

        @Override
        public boolean relative() {
            return true;
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long l = g.length();
            return ((long) batch * heads + 1) * l * l + 2 * l * l * headDim;
        }
    }

    /**
     * Relative attention with the skew of Huang et al. (2018, §3.4.1), rows in causal chunks of
     * {@code c = min(64, L)}. Bytes: saved probabilities {@code B·H·L²}, two {@code c·L} scratches
     * and the gathered table with its gradient {@code 2·L·Dh}. {@code S = L(L+1)/2}.
     */
    record RelativeSkewed() implements SweepVariant {
        static final int CHUNK = 64;

        @Override
        public String label() {
            return "relative-skewed";
        }

        @Override
        public AttentionSpec spec(Geometry g) {
            return new RelativeAttention.Spec(0, false);
        }

        @Override
        public long scoreEntries(Geometry g) {
            return causalPairs(g.length());
        }

        @Override
        public boolean relative() {
            return true;
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long l = g.length();
            return (long) batch * heads * l * l + 2L * Math.min(CHUNK, l) * l + 2 * l * headDim;
        }
    }

    /**
     * Relative local attention (Huang et al. 2018 §3.5): query blocks of {@code Bk}, memory of the
     * previous block, window {@code W = min(L, 2·Bk)}. Bytes: {@code B·H·L·W + 2·min(Bk, L)·W + 2·W·Dh}.
     * {@code S = Σ_blocks c·(c + min(q0, Bk))}, linear in {@code L}.
     *
     * @param blockLength {@code Bk}
     */
    record RelativeLocal(int blockLength) implements SweepVariant {
        public RelativeLocal {
            new RelativeLocalAttention.Spec(blockLength, 0, false); // validates
        }

        @Override
        public String label() {
            return "relative-local(b=" + blockLength + ")";
        }

        @Override
        public AttentionSpec spec(Geometry g) {
            return new RelativeLocalAttention.Spec(blockLength, 0, false);
        }

        @Override
        public long scoreEntries(Geometry g) {
            int l = g.length();
            long s = 0;
            for (int q0 = 0; q0 < l; q0 += blockLength) {
                int c = Math.min(l, q0 + blockLength) - q0;
                s += (long) c * (c + Math.min(q0, blockLength));
            }
            return s;
        }

        @Override
        public boolean relative() {
            return true;
        }

        @Override
        public long analyticElements(Geometry g, int batch, int heads, int headDim) {
            long l = g.length();
            long w = Math.min(l, 2L * blockLength);
            return (long) batch * heads * l * w + 2 * Math.min(blockLength, l) * w + 2 * w * headDim;
        }
    }

    /** The paper's six: full, local 1D (128, 1), local 2D (8x8, 8x8), pairwise, skewed, relative local (128). */
    static List<SweepVariant> defaults() {
        return List.of(new Full(), new Local1d(128, 1), new Local2d(8, 8), new RelativePairwise(),
                new RelativeSkewed(), new RelativeLocal(128));
    }

    /**
     * The variant a command-line id names, with the default geometry: {@code full}, {@code local1d},
     * {@code local2d}, {@code relative-pairwise}, {@code relative-skewed}, {@code relative-local}.
     */
    static SweepVariant byId(String id) {
        for (SweepVariant v : defaults()) {
            if (id(v).equals(id)) {
                return v;
            }
        }
        throw new UserError("unknown variant '" + id + "' (known: full, local1d, local2d, "
                + "relative-pairwise, relative-skewed, relative-local)");
    }

    /** The command-line id of a variant (its label up to the first parenthesis). */
    static String id(SweepVariant v) {
        String l = v.label();
        int p = l.indexOf('(');
        return p < 0 ? l : l.substring(0, p);
    }
}

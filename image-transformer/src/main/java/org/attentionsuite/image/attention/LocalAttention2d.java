package org.attentionsuite.image.attention;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.QkvLayout;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;
import org.attentionsuite.core.tensor.Storage;

/**
 * Masked local 2D self-attention of the Image Transformer (Parmar et al. 2018, §3.3 "Local
 * Self-Attention", 2D case, Fig. 2 right; the attention itself is §3.2).
 *
 * <p>The sequence is the image in <em>block-raster</em> order: query blocks of {@code qh x qw}
 * pixels in raster order of blocks, pixels in raster order inside a block, the {@code C}
 * intensities of a pixel consecutive, so query block {@code blk} is the contiguous run
 * {@code [blk·S, (blk+1)·S)}. Its memory is the block extended by {@code fh} rows above and
 * {@code fw} columns left and right (rows {@code [r0 − fh, r0 + qh)}, columns
 * {@code [c0 − fw, c0 + qw + fw)}, clipped). A key is visible to a query iff its sequence index is
 * {@code ≤} the query's, which also orders the channels of one pixel.
 *
 * <p>Dimensions: {@code B} batch, {@code L = H·W·C} length (image height, width, channels),
 * {@code Hd} heads (written {@code H} in shape comments where no image height is near),
 * {@code Dh} head width, {@code D = Hd·Dh}, {@code S = qh·qw·C} positions per query block,
 * {@code nq ≤ S} rows of a query block, {@code m} gathered memory positions of a block (those with
 * index {@code ≤} the block's last), {@code M} the largest {@code m} over blocks,
 * {@code M ≤ (qh + fh)·(qw + 2fw)·C}.
 *
 * <p>Cost: per (batch, block) the memory keys and values are gathered into contiguous scratch
 * {@code (m, D)}; per head one {@code (nq, Dh) x (Dh, m)} GEMM, so time and the saved probabilities
 * {@code (B·Hd·L, M)} are {@code O(L·M)}. Backward scatters {@code dK}, {@code dV} back with
 * {@code +=}. A decoding step scores at most {@code M} cached keys, whatever the image size.
 */
public final class LocalAttention2d implements Attention {
    private final Spec spec;
    private final Geometry2d geometry;
    private final int[][] memory;   // per query block: sorted sequence indices of its memory rectangle
    private final int maxMemory;    // M
    private final QkvLayout layout;
    private final Precision precision;
    private final double scale;
    private Mat probs;      // (B·Hd·L, M) saved softmax output, memory-relative columns
    private Mat dProbs;     // (S, M) dP → dS of one query block and head
    private Mat memK;       // (M, D) gathered keys of one block
    private Mat memV;       // (M, D) gathered values of one block
    private Mat memDK;      // (M, D) gradient of the gathered keys
    private Mat memDV;      // (M, D) gradient of the gathered values
    private Mat savedQkv;   // (B·L, 3D) input of the last forward (not copied: callers keep it intact)
    private int batch;
    private int length;

    /**
     * The spec of this variant. The sequence length is {@code L = imageHeight·imageWidth·channels}.
     *
     * @param imageHeight  {@code H} pixels
     * @param imageWidth   {@code W} pixels
     * @param channels     {@code C} intensities per pixel
     * @param queryHeight  {@code qh}, query block height, divides {@code H}
     * @param queryWidth   {@code qw}, query block width, divides {@code W}
     * @param flangeHeight {@code fh}, memory rows above the query block, {@code ≥ 0}
     * @param flangeWidth  {@code fw}, memory columns left and right of the query block, {@code ≥ 0}
     */
    public record Spec(int imageHeight, int imageWidth, int channels, int queryHeight, int queryWidth,
            int flangeHeight, int flangeWidth) implements AttentionSpec {
        public Spec {
            positive("imageHeight", imageHeight);
            positive("imageWidth", imageWidth);
            positive("channels", channels);
            positive("queryHeight", queryHeight);
            positive("queryWidth", queryWidth);
            if (flangeHeight < 0) {
                throw new UserError("flangeHeight (" + flangeHeight + ") must be non-negative");
            }
            if (flangeWidth < 0) {
                throw new UserError("flangeWidth (" + flangeWidth + ") must be non-negative");
            }
            if (imageHeight % queryHeight != 0) {
                throw new UserError("image height " + imageHeight
                        + " is not divisible by query block height " + queryHeight);
            }
            if (imageWidth % queryWidth != 0) {
                throw new UserError("image width " + imageWidth
                        + " is not divisible by query block width " + queryWidth);
            }
            if ((long) imageHeight * imageWidth * channels > Integer.MAX_VALUE / 4) {
                throw new UserError("image " + imageHeight + "x" + imageWidth + "x" + channels
                        + " is too large for one sequence");
            }
        }

        private static void positive(String name, int v) {
            if (v <= 0) {
                throw new UserError(name + " (" + v + ") must be positive");
            }
        }

        /** {@code L = H·W·C}. */
        public int length() {
            return imageHeight * imageWidth * channels;
        }

        /** Upper bound on the keys one query block attends to: {@code (qh + fh)·(qw + 2fw)·C}. */
        public int memoryBound() {
            return (queryHeight + flangeHeight) * (queryWidth + 2 * flangeWidth) * channels;
        }

        @Override
        public void validate(int maxLength, int dModel, int heads) {
            if (maxLength != length()) {
                throw new UserError("maxLength (" + maxLength + ") must equal imageHeight*imageWidth"
                        + "*channels (" + imageHeight + "*" + imageWidth + "*" + channels + " = " + length() + ")");
            }
            QkvLayout.checkHeads(dModel, heads);
        }

        @Override
        public Attention create(AttentionContext context) {
            validate(context.maxLength(), context.dModel(), context.heads());
            return new LocalAttention2d(this, context);
        }

        @Override
        public String label() {
            return "local2d(" + imageHeight + "x" + imageWidth + "x" + channels + ",q=" + queryHeight + "x"
                    + queryWidth + ",f=" + flangeHeight + "x" + flangeWidth + ")";
        }

        /** Keys each query block can see: its memory positions up to the block's last one. */
        long[] visibleMemory() {
            Geometry2d g = new Geometry2d(this);
            long[] m = new long[g.blockCount()];
            for (int blk = 0; blk < m.length; blk++) {
                m[blk] = Geometry2d.visibleCount(g.memory(blk), (blk + 1) * g.blockSize() - 1);
            }
            return m;
        }

        /** {@code S = Σ_blocks Sq·m_blk} with {@code Sq = qh·qw·C} positions per block: linear in {@code L}. */
        @Override
        public long scoreEntries(int length) {
            checkLength(length);
            long s = 0;
            long sq = (long) queryHeight * queryWidth * channels;
            for (long m : visibleMemory()) {
                s += sq * m;
            }
            return s;
        }

        /** {@code B·H·L·Mm + Sq·Mm + 4·Mm·D} with {@code Mm} the widest visible memory. */
        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            checkLength(length);
            long widest = 1;
            for (long m : visibleMemory()) {
                widest = Math.max(widest, m);
            }
            long d = (long) heads * headDim;
            long sq = (long) queryHeight * queryWidth * channels;
            return (long) batch * heads * length * widest + sq * widest + 4 * widest * d;
        }

        private void checkLength(int length) {
            if (length != length()) {
                throw new IllegalArgumentException("local 2D attention over " + imageHeight + "x" + imageWidth + "x"
                        + channels + " images has length " + length() + ", not " + length);
            }
        }
    }

    public LocalAttention2d(Spec spec, AttentionContext c) {
        this.spec = spec;
        this.geometry = new Geometry2d(spec);
        this.layout = new QkvLayout(c.dModel(), c.heads());
        this.precision = c.precision();
        this.scale = 1.0 / Math.sqrt(c.headDim());
        int blocks = geometry.blockCount();
        int s = geometry.blockSize();
        this.memory = new int[blocks][];
        int widest = 1;
        for (int blk = 0; blk < blocks; blk++) {
            memory[blk] = geometry.memory(blk);
            widest = Math.max(widest, Geometry2d.visibleCount(memory[blk], (blk + 1) * s - 1));
        }
        this.maxMemory = widest;
    }

    public Spec spec() {
        return spec;
    }

    /**
     * Sorted sequence indices (block-raster order) of the whole memory rectangle of query block
     * {@code block}, including positions after the block that the mask never lets it see.
     */
    public static int[] memoryIndices(Spec spec, int block) {
        Geometry2d g = new Geometry2d(spec);
        if (block < 0 || block >= g.blockCount()) {
            throw new IndexOutOfBoundsException("query block " + block + " outside 0.." + (g.blockCount() - 1));
        }
        return g.memory(block);
    }

    /** Number of cached keys {@link #step} scores for position {@code t}: its memory with index {@code ≤ t}. */
    public int memorySize(int t) {
        if (t < 0 || t >= geometry.length()) {
            throw new IndexOutOfBoundsException("position " + t + " outside 0.." + (geometry.length() - 1));
        }
        return Geometry2d.visibleCount(memory[geometry.blockOf(t)], t);
    }

    @Override
    public void forward(Mat qkv, Mat out, int batch, int length) {
        layout.checkForward(qkv, out, batch, length);
        checkLength(length);
        ensure(batch, length);
        this.savedQkv = qkv;
        Blas blas = Blas.get();
        int heads = layout.heads();
        int dh = layout.headDim();
        int s = geometry.blockSize();
        for (int b = 0; b < batch; b++) {
            Mat seq = qkv.rows(b * length, length);                           // (L, 3D)
            for (int qs = 0, blk = 0; qs < length; qs += s, blk++) {
                int nq = Math.min(length, qs + s) - qs;
                int[] mem = memory[blk];
                int m = Geometry2d.visibleCount(mem, qs + nq - 1);           // keys any query of the block sees
                Mat kMem = memK.rows(0, m);                                   // (m, D)
                Mat vMem = memV.rows(0, m);                                   // (m, D)
                gather(seq, layout.dModel(), mem, m, kMem);                   // K[mem] (m, D)
                gather(seq, 2 * layout.dModel(), mem, m, vMem);               // V[mem] (m, D)
                for (int h = 0; h < heads; h++) {
                    Mat q = layout.q(qkv, b, length, h).rows(qs, nq);         // (nq, Dh)
                    Mat o = layout.head(out, b, length, h).rows(qs, nq);      // (nq, Dh)
                    Mat pc = probs.rows((b * heads + h) * length + qs, nq).cols(0, m); // (nq, m)
                    blas.gemm(q, false, kMem.cols(h * dh, dh), true, pc, 1, 0); // Q_blk K_memᵀ (nq, m)
                    softmaxRows(pc, mem, qs);
                    blas.gemm(pc, false, vMem.cols(h * dh, dh), false, o, 1, 0); // P V_mem (nq, Dh)
                }
            }
        }
    }

    @Override
    public void backward(Mat dOut, Mat dqkv) {
        layout.checkBackward(dOut, dqkv, batch, length);
        dqkv.rows(0, batch * length).zero();                                  // (B·L, 3D)
        Blas blas = Blas.get();
        int heads = layout.heads();
        int dh = layout.headDim();
        int d = layout.dModel();
        int s = geometry.blockSize();
        Mat qkv = savedQkv;
        for (int b = 0; b < batch; b++) {
            Mat seq = qkv.rows(b * length, length);                           // (L, 3D)
            Mat dSeq = dqkv.rows(b * length, length);                         // (L, 3D)
            for (int qs = 0, blk = 0; qs < length; qs += s, blk++) {
                int nq = Math.min(length, qs + s) - qs;
                int[] mem = memory[blk];
                int m = Geometry2d.visibleCount(mem, qs + nq - 1);
                Mat kMem = memK.rows(0, m);                                   // (m, D)
                Mat vMem = memV.rows(0, m);                                   // (m, D)
                Mat dkMem = memDK.rows(0, m);                                 // (m, D)
                Mat dvMem = memDV.rows(0, m);                                 // (m, D)
                gather(seq, d, mem, m, kMem);
                gather(seq, 2 * d, mem, m, vMem);
                for (int h = 0; h < heads; h++) {
                    Mat q = layout.q(qkv, b, length, h).rows(qs, nq);         // (nq, Dh)
                    Mat dq = layout.q(dqkv, b, length, h).rows(qs, nq);       // (nq, Dh)
                    Mat dO = layout.head(dOut, b, length, h).rows(qs, nq);    // (nq, Dh)
                    Mat pc = probs.rows((b * heads + h) * length + qs, nq).cols(0, m); // (nq, m)
                    Mat ds = dProbs.rows(0, nq).cols(0, m);                   // (nq, m)
                    blas.gemm(pc, true, dO, false, dvMem.cols(h * dh, dh), 1, 0); // dV_mem = Pᵀ dO (m, Dh)
                    blas.gemm(dO, false, vMem.cols(h * dh, dh), true, ds, 1, 0);  // dP = dO V_memᵀ (nq, m)
                    int hi = 0;
                    for (int r = 0; r < nq; r++) {
                        hi = advance(mem, hi, qs + r);
                        Softmax.backwardRow(pc, ds, r, scale, 0, hi);  // dS (nq, m)
                    }
                    blas.gemm(ds, false, kMem.cols(h * dh, dh), false, dq, 1, 0);  // dQ_blk = dS K_mem (nq, Dh)
                    blas.gemm(ds, true, q, false, dkMem.cols(h * dh, dh), 1, 0);   // dK_mem = dSᵀ Q_blk (m, Dh)
                }
                scatterAdd(dkMem, mem, m, dSeq, d);                           // dK[mem] += dK_mem
                scatterAdd(dvMem, mem, m, dSeq, 2 * d);                       // dV[mem] += dV_mem
            }
        }
    }

    @Override
    public AttentionCache newCache(int batch, int capacity) {
        if (capacity > geometry.length()) {
            throw new UserError("capacity " + capacity + " exceeds the image length " + geometry.length());
        }
        return new LocalCache(precision, batch, capacity, layout.dModel(), maxMemory, true);
    }

    /**
     * Appends position {@code t} and attends over the cached keys of its block's memory with index
     * {@code ≤ t}: {@code O(M·D)} per position, independent of the image size.
     */
    @Override
    public void step(Mat qkv, Mat out, AttentionCache cache) {
        LocalCache c = LocalCache.of(cache, "LocalAttention2d");
        int t = c.append(qkv);
        int[] mem = memory[geometry.blockOf(t)];
        int n = Geometry2d.visibleCount(mem, t);
        int dh = layout.headDim();
        Mat scores = c.scores.cols(0, n);                                     // (1, n)
        Mat kMem = c.memoryKeys.rows(0, n);                                   // (n, D)
        Mat vMem = c.memoryValues.rows(0, n);                                 // (n, D)
        Blas blas = Blas.get();
        for (int b = 0; b < c.batch(); b++) {
            Mat keys = c.keys(b, t + 1);                                      // (t+1, D)
            Mat values = c.values(b, t + 1);                                  // (t+1, D)
            for (int j = 0; j < n; j++) {
                kMem.rows(j, 1).copyFrom(keys.rows(mem[j], 1));               // (1, D)
                vMem.rows(j, 1).copyFrom(values.rows(mem[j], 1));             // (1, D)
            }
            for (int h = 0; h < layout.heads(); h++) {
                Mat qh = qkv.rows(b, 1).cols(h * dh, dh);                     // (1, Dh)
                blas.gemm(qh, false, kMem.cols(h * dh, dh), true, scores, 1, 0); // q K_memᵀ (1, n)
                Softmax.row(scores, 0, scale, 0, n);
                blas.gemm(scores, false, vMem.cols(h * dh, dh), false, out.rows(b, 1).cols(h * dh, dh), 1, 0); // (1, Dh)
            }
        }
        c.lastScored = n;
    }

    @Override
    public double[][] weights(int b, int query) {
        Attention.checkWeights(batch, length, b, query);
        int heads = layout.heads();
        int[] mem = memory[geometry.blockOf(query)];
        int visible = Geometry2d.visibleCount(mem, query);
        double[][] w = new double[heads][query + 1];
        for (int h = 0; h < heads; h++) {
            int row = (b * heads + h) * length + query;                       // (B·Hd·L, M) row, memory-relative
            for (int c = 0; c < visible; c++) {
                w[h][mem[c]] = probs.get(row, c);
            }
        }
        return w;
    }

    /** Masked softmax of a block's score rows: query {@code qs + r} sees the memory prefix with index {@code ≤ qs + r}. */
    private void softmaxRows(Mat pc, int[] mem, int qs) {
        int hi = 0;
        for (int r = 0; r < pc.rows(); r++) {
            hi = advance(mem, hi, qs + r);
            Softmax.row(pc, r, scale, 0, hi);
        }
    }

    /** Moves {@code hi} forward past every memory index {@code ≤ i} (rows come in increasing {@code i}). */
    private static int advance(int[] mem, int hi, int i) {
        while (hi < mem.length && mem[hi] <= i) {
            hi++;
        }
        return hi;
    }

    /** {@code dst (m, D) = seq[mem[j], col0 .. col0 + D)} for {@code j < m}. */
    private static void gather(Mat seq, int col0, int[] mem, int m, Mat dst) {
        int d = dst.cols();
        for (int j = 0; j < m; j++) {
            dst.rows(j, 1).copyFrom(seq.rows(mem[j], 1).cols(col0, d));       // (1, D)
        }
    }

    /** {@code dSeq[mem[j], col0 .. col0 + D) += src[j]} for {@code j < m}. */
    private static void scatterAdd(Mat src, int[] mem, int m, Mat dSeq, int col0) {
        int d = src.cols();
        for (int j = 0; j < m; j++) {
            dSeq.rows(mem[j], 1).cols(col0, d).addScaled(src.rows(j, 1), 1.0); // (1, D)
        }
    }

    private void checkLength(int length) {
        if (length > geometry.length()) {
            throw new UserError("length " + length + " exceeds the image length " + geometry.length()
                    + " of " + spec.label());
        }
    }

    private void ensure(int batch, int length) {
        long need = (long) batch * layout.heads() * length;
        if (need * maxMemory > Storage.maxElements(precision)) {
            throw new UserError("saved probabilities (" + need + " x " + maxMemory + ") exceed one buffer");
        }
        if (probs == null || probs.rows() < need) {
            probs = Mat.zeros(precision, (int) need, maxMemory);              // (B·Hd·L, M)
        }
        if (memK == null) {
            int d = layout.dModel();
            dProbs = Mat.zeros(precision, geometry.blockSize(), maxMemory);   // (S, M)
            memK = Mat.zeros(precision, maxMemory, d);                        // (M, D)
            memV = Mat.zeros(precision, maxMemory, d);                        // (M, D)
            memDK = Mat.zeros(precision, maxMemory, d);                       // (M, D)
            memDV = Mat.zeros(precision, maxMemory, d);                       // (M, D)
        }
        this.batch = batch;
        this.length = length;
    }
}

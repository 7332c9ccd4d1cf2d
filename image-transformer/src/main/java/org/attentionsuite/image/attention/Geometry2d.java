package org.attentionsuite.image.attention;

import java.util.Arrays;

/**
 * Block-raster geometry of 2D local attention (Parmar et al. 2018, §3.3, Fig. 2 right): the
 * {@code H x W x C} image is tiled by query blocks of {@code qh x qw} pixels; blocks are visited in
 * raster order of blocks, pixels in raster order inside a block, and the {@code C} intensities of a
 * pixel are consecutive. Every query block is therefore the contiguous run of sequence indices
 * {@code [blk·S, (blk+1)·S)} with {@code S = qh·qw·C}.
 *
 * <p>The memory of a query block whose top-left pixel is {@code (r0, c0)} is the rectangle of rows
 * {@code [r0 − fh, r0 + qh)} and columns {@code [c0 − fw, c0 + qw + fw)}, clipped to the image, all
 * channels. Its sequence indices are kept sorted, so the keys a query at index {@code i} may see
 * (index {@code ≤ i}) are a prefix of the list.
 *
 * <p>Kept independent of {@code org.attentionsuite.image.order} on purpose (the data side owns its
 * permutation class); the tests check this arithmetic against plain loops.
 */
final class Geometry2d {
    private final int height;      // H
    private final int width;       // W
    private final int channels;    // C
    private final int queryHeight; // qh
    private final int queryWidth;  // qw
    private final int flangeHeight; // fh
    private final int flangeWidth;  // fw
    private final int blockColumns; // W / qw
    private final int blockSize;    // S = qh·qw·C

    Geometry2d(LocalAttention2d.Spec s) {
        this.height = s.imageHeight();
        this.width = s.imageWidth();
        this.channels = s.channels();
        this.queryHeight = s.queryHeight();
        this.queryWidth = s.queryWidth();
        this.flangeHeight = s.flangeHeight();
        this.flangeWidth = s.flangeWidth();
        this.blockColumns = width / queryWidth;
        this.blockSize = queryHeight * queryWidth * channels;
    }

    /** {@code L = H·W·C}. */
    int length() {
        return height * width * channels;
    }

    /** Sequence positions per query block, {@code S = qh·qw·C}. */
    int blockSize() {
        return blockSize;
    }

    /** Number of query blocks, {@code (H/qh)·(W/qw)}. */
    int blockCount() {
        return (height / queryHeight) * blockColumns;
    }

    /** The query block holding sequence index {@code t}. */
    int blockOf(int t) {
        return t / blockSize;
    }

    /** Sequence index of intensity {@code ch} of pixel {@code (row, col)}. */
    int index(int row, int col, int ch) {
        int block = (row / queryHeight) * blockColumns + col / queryWidth;
        int pixel = (row % queryHeight) * queryWidth + col % queryWidth;
        return block * blockSize + pixel * channels + ch;
    }

    /** Image row of sequence index {@code t}. */
    int row(int t) {
        int block = t / blockSize;
        int pixel = (t % blockSize) / channels;
        return (block / blockColumns) * queryHeight + pixel / queryWidth;
    }

    /** Image column of sequence index {@code t}. */
    int col(int t) {
        int block = t / blockSize;
        int pixel = (t % blockSize) / channels;
        return (block % blockColumns) * queryWidth + pixel % queryWidth;
    }

    /** Channel of sequence index {@code t}. */
    int channel(int t) {
        return t % channels;
    }

    /**
     * Sorted sequence indices of the memory rectangle of query block {@code block}: rows
     * {@code [r0 − fh, r0 + qh)}, columns {@code [c0 − fw, c0 + qw + fw)}, clipped, all channels.
     * Cost {@code O(m log m)} with {@code m ≤ (qh + fh)·(qw + 2fw)·C}, independent of the image size.
     */
    int[] memory(int block) {
        int r0 = (block / blockColumns) * queryHeight;
        int c0 = (block % blockColumns) * queryWidth;
        int rLo = Math.max(0, r0 - flangeHeight);
        int rHi = r0 + queryHeight;
        int cLo = Math.max(0, c0 - flangeWidth);
        int cHi = Math.min(width, c0 + queryWidth + flangeWidth);
        int[] out = new int[(rHi - rLo) * (cHi - cLo) * channels];
        int n = 0;
        for (int r = rLo; r < rHi; r++) {
            for (int c = cLo; c < cHi; c++) {
                for (int ch = 0; ch < channels; ch++) {
                    out[n++] = index(r, c, ch);
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Number of entries of the sorted {@code memory} that are {@code ≤ t}: the keys index {@code t} may see. */
    static int visibleCount(int[] memory, int t) {
        int lo = 0;
        int hi = memory.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (memory[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package org.attentionsuite.image.order;

/**
 * Block-raster order of an H x W x C image for 2D local attention with query blocks of
 * qh x qw pixels (Parmar et al. 2018, Section 3.2; {@code query_shape} in tensor2tensor).
 *
 * <p>The image is tiled by (H/qh) x (W/qw) blocks. Block-order position
 * {@code j = b*(qh*qw*C) + (p*C + ch)} holds the element of block b (blocks in raster order of
 * blocks: b = br*(W/qw) + bc), pixel p inside the block (raster order inside the block:
 * p = pr*qw + pc) and channel ch (the C channels of a pixel stay consecutive). Its raster index is
 * {@code ((br*qh + pr)*W + bc*qw + pc)*C + ch}.
 *
 * <p>Conventions: {@link #permutation()}{@code [j]} is the raster index of block-order position j,
 * so {@code toBlockOrder(x)[j] == x[permutation()[j]]}; {@link #inverse()}{@code [i]} is the
 * block-order position of raster index i.
 *
 * @param height      H, divisible by {@code queryHeight}
 * @param width       W, divisible by {@code queryWidth}
 * @param channels    C, {@code > 0}
 * @param queryHeight qh, block height in pixels, {@code > 0}
 * @param queryWidth  qw, block width in pixels, {@code > 0}
 */
public record BlockRasterOrder(int height, int width, int channels, int queryHeight, int queryWidth) {

    /** Validates the geometry and that the blocks tile the image exactly. */
    public BlockRasterOrder {
        new RasterOrder(height, width, channels); // validates H, W, C
        if (queryHeight <= 0 || queryWidth <= 0) {
            throw new IllegalArgumentException("query block must be positive, got " + queryHeight + "x" + queryWidth);
        }
        if (height % queryHeight != 0) {
            throw new IllegalArgumentException("image height " + height + " is not divisible by query block height " + queryHeight);
        }
        if (width % queryWidth != 0) {
            throw new IllegalArgumentException("image width " + width + " is not divisible by query block width " + queryWidth);
        }
    }

    /** @return the raster order of the same image */
    public RasterOrder raster() {
        return new RasterOrder(height, width, channels);
    }

    /** @return L = H*W*C */
    public int length() {
        return height * width * channels;
    }

    /** @return H/qh, the number of block rows */
    public int blockRows() {
        return height / queryHeight;
    }

    /** @return W/qw, the number of block columns */
    public int blockColumns() {
        return width / queryWidth;
    }

    /** @return (H/qh)*(W/qw), the number of query blocks */
    public int blockCount() {
        return blockRows() * blockColumns();
    }

    /** @return qh*qw*C, the sequence length of one block */
    public int blockLength() {
        return queryHeight * queryWidth * channels;
    }

    /**
     * @param blockPosition j, {@code 0 <= j < L}
     * @return the raster index of block-order position j
     */
    public int rasterIndex(int blockPosition) {
        if (blockPosition < 0 || blockPosition >= length()) {
            throw new IndexOutOfBoundsException("block-order position " + blockPosition + " is outside 0.." + (length() - 1));
        }
        int block = blockPosition / blockLength();
        int within = blockPosition % blockLength();
        int pixel = within / channels;                     // raster order inside the block
        int channel = within % channels;
        int row = block / blockColumns() * queryHeight + pixel / queryWidth;
        int column = block % blockColumns() * queryWidth + pixel % queryWidth;
        return (row * width + column) * channels + channel;
    }

    /**
     * @param rasterIndex i, {@code 0 <= i < L}
     * @return the block-order position of raster index i
     */
    public int blockPosition(int rasterIndex) {
        if (rasterIndex < 0 || rasterIndex >= length()) {
            throw new IndexOutOfBoundsException("raster index " + rasterIndex + " is outside 0.." + (length() - 1));
        }
        int channel = rasterIndex % channels;
        int row = rasterIndex / channels / width;
        int column = rasterIndex / channels % width;
        int block = row / queryHeight * blockColumns() + column / queryWidth;
        int pixel = row % queryHeight * queryWidth + column % queryWidth;
        return block * blockLength() + pixel * channels + channel;
    }

    /** @return length-L array: entry j is the raster index of block-order position j */
    public int[] permutation() {
        int[] perm = new int[length()];
        for (int j = 0; j < perm.length; j++) {
            perm[j] = rasterIndex(j);
        }
        return perm;
    }

    /** @return length-L array: entry i is the block-order position of raster index i */
    public int[] inverse() {
        int[] inv = new int[length()];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = blockPosition(i);
        }
        return inv;
    }

    /**
     * @param rasterSequence length-L values in raster order (not modified)
     * @return the same values in block-raster order
     */
    public int[] toBlockOrder(int[] rasterSequence) {
        checkLength(rasterSequence);
        int[] out = new int[rasterSequence.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = rasterSequence[rasterIndex(j)];
        }
        return out;
    }

    /**
     * @param blockSequence length-L values in block-raster order (not modified)
     * @return the same values in raster order
     */
    public int[] toRasterOrder(int[] blockSequence) {
        checkLength(blockSequence);
        int[] out = new int[blockSequence.length];
        for (int j = 0; j < out.length; j++) {
            out[rasterIndex(j)] = blockSequence[j];
        }
        return out;
    }

    private void checkLength(int[] sequence) {
        if (sequence.length != length()) {
            throw new IllegalArgumentException("sequence length " + sequence.length + " does not match the image "
                    + height + "x" + width + "x" + channels + " = " + length());
        }
    }
}

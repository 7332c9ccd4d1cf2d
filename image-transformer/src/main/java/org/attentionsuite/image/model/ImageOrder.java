package org.attentionsuite.image.model;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.order.BlockRasterOrder;
import org.attentionsuite.image.order.RasterOrder;

/**
 * The order in which the {@code L = H·W·C} intensities of an image form the model's sequence:
 * raster order ({@code queryHeight = queryWidth = 0}), or block-raster order with query blocks of
 * {@code qh x qw} pixels, the order local 2D attention expects (Parmar et al. 2018, §3.3, Fig. 2).
 *
 * <p>Sequence position {@code j} holds raster index {@link #rasterIndex(int) rasterIndex(j)}; the
 * mapping delegates to {@link RasterOrder} and {@link BlockRasterOrder}.
 *
 * @param height      H pixels
 * @param width       W pixels
 * @param channels    C intensities per pixel (1 or 3)
 * @param queryHeight qh dividing H, or 0 for raster order
 * @param queryWidth  qw dividing W, or 0 for raster order
 */
public record ImageOrder(int height, int width, int channels, int queryHeight, int queryWidth) {

    /** Validates the geometry; block sizes must both be 0 (raster) or both tile the image. */
    public ImageOrder {
        new RasterOrder(height, width, channels);
        if (channels != 1 && channels != 3) {
            throw new UserError("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if ((queryHeight == 0) != (queryWidth == 0)) {
            throw new UserError("query block " + queryHeight + "x" + queryWidth
                    + ": give both sizes, or 0x0 for raster order");
        }
        if (queryHeight != 0) {
            new BlockRasterOrder(height, width, channels, queryHeight, queryWidth); // divisibility checks
        }
    }

    /** Raster order of an {@code H x W x C} image. */
    public static ImageOrder raster(int height, int width, int channels) {
        return new ImageOrder(height, width, channels, 0, 0);
    }

    /** Block-raster order with {@code qh x qw} query blocks. */
    public static ImageOrder blockRaster(int height, int width, int channels, int queryHeight, int queryWidth) {
        return new ImageOrder(height, width, channels, queryHeight, queryWidth);
    }

    /**
     * The order an attention variant needs: block-raster with its query blocks for local 2D
     * attention (whose geometry must be this image's), raster order for every other variant.
     */
    public static ImageOrder forAttention(AttentionSpec attention, int height, int width, int channels) {
        if (attention instanceof LocalAttention2d.Spec s) {
            if (s.imageHeight() != height || s.imageWidth() != width || s.channels() != channels) {
                throw new UserError("local2d attention is set up for " + s.imageHeight() + "x"
                        + s.imageWidth() + "x" + s.channels() + " images, not " + height + "x" + width + "x" + channels);
            }
            return blockRaster(height, width, channels, s.queryHeight(), s.queryWidth());
        }
        return raster(height, width, channels);
    }

    /** Whether this is block-raster order. */
    public boolean isBlockOrder() {
        return queryHeight != 0;
    }

    /** {@code L = H·W·C}. */
    public int length() {
        return height * width * channels;
    }

    /** The raster index (row, column, channel) stored at sequence position {@code j}. */
    public int rasterIndex(int position) {
        if (isBlockOrder()) {
            return blocks().rasterIndex(position);
        }
        if (position < 0 || position >= length()) {
            throw new IndexOutOfBoundsException("sequence position " + position + " is outside 0.." + (length() - 1));
        }
        return position;
    }

    /** Entry {@code j} is the raster index at sequence position {@code j}. */
    public int[] permutation() {
        if (isBlockOrder()) {
            return blocks().permutation();
        }
        int[] p = new int[length()];
        for (int j = 0; j < p.length; j++) {
            p[j] = j;
        }
        return p;
    }

    /** A raster-order image (not modified) as a sequence in this order: a fresh array. */
    public int[] toSequence(int[] raster) {
        checkLength(raster);
        return isBlockOrder() ? blocks().toBlockOrder(raster) : raster.clone();
    }

    /** A sequence in this order (not modified) back in raster order: a fresh array. */
    public int[] toRaster(int[] sequence) {
        checkLength(sequence);
        return isBlockOrder() ? blocks().toRasterOrder(sequence) : sequence.clone();
    }

    /**
     * Length of the shortest sequence prefix that contains every intensity of the top
     * {@code rows} image rows. In raster order that is {@code rows·W·C}; in block order the prefix
     * must end on a block row, so it is {@code ceil(rows / qh)·qh·W·C} (it may cover more rows).
     */
    public int prefixCoveringRows(int rows) {
        if (rows < 0 || rows > height) {
            throw new UserError("rows (" + rows + ") must be in 0.." + height);
        }
        int covered = isBlockOrder() ? (rows + queryHeight - 1) / queryHeight * queryHeight : rows;
        return covered * width * channels;
    }

    /** A short label, e.g. {@code "28x28x1 raster"} or {@code "28x28x1 blocks 7x7"}. */
    public String label() {
        return height + "x" + width + "x" + channels + (isBlockOrder() ? " blocks " + queryHeight + "x" + queryWidth
                : " raster");
    }

    private BlockRasterOrder blocks() {
        return new BlockRasterOrder(height, width, channels, queryHeight, queryWidth);
    }

    private void checkLength(int[] values) {
        if (values.length != length()) {
            throw new UserError("sequence of " + values.length + " values does not fit a " + height + "x"
                    + width + "x" + channels + " image (" + length() + ")");
        }
    }
}

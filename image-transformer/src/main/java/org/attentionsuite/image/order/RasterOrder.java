package org.attentionsuite.image.order;

/**
 * Raster order of an H x W x C image: index {@code i = (r*W + c)*C + ch} for row r, column c and
 * channel ch. This is the order of {@link org.attentionsuite.image.data.ImageSet} pixels and of the
 * sequence the Image Transformer generates.
 *
 * @param height   H, {@code > 0}
 * @param width    W, {@code > 0}
 * @param channels C, {@code > 0}
 */
public record RasterOrder(int height, int width, int channels) {

    /** Validates the geometry. */
    public RasterOrder {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image geometry must be positive, got " + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image of " + height + "x" + width + "x" + channels + " is too large");
        }
    }

    /** @return L = H*W*C, the sequence length */
    public int length() {
        return height * width * channels;
    }

    /**
     * @param row     r, {@code 0 <= r < H}
     * @param column  c, {@code 0 <= c < W}
     * @param channel ch, {@code 0 <= ch < C}
     * @return {@code (r*W + c)*C + ch}
     */
    public int index(int row, int column, int channel) {
        if (row < 0 || row >= height || column < 0 || column >= width || channel < 0 || channel >= channels) {
            throw new IndexOutOfBoundsException("(row " + row + ", column " + column + ", channel " + channel
                    + ") is outside a " + height + "x" + width + "x" + channels + " image");
        }
        return (row * width + column) * channels + channel;
    }

    /**
     * @param index raster index, {@code 0 <= index < L}
     * @return its row r
     */
    public int row(int index) {
        return checkIndex(index) / channels / width;
    }

    /**
     * @param index raster index, {@code 0 <= index < L}
     * @return its column c
     */
    public int column(int index) {
        return checkIndex(index) / channels % width;
    }

    /**
     * @param index raster index, {@code 0 <= index < L}
     * @return its channel ch
     */
    public int channel(int index) {
        return checkIndex(index) % channels;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException("raster index " + index + " is outside 0.." + (length() - 1));
        }
        return index;
    }
}

/**
 * Orderings of an image's H*W*C intensities.
 *
 * <p>{@link org.attentionsuite.image.order.RasterOrder}: the generation order of the Image
 * Transformer — rows top to bottom, columns left to right, channels R, G, B of a pixel consecutive.
 * {@link org.attentionsuite.image.order.BlockRasterOrder}: the order used by 2D local attention
 * (Parmar et al. 2018, Section 3.2): the image is cut into query blocks of qh x qw pixels, blocks
 * are visited in raster order of blocks and pixels in raster order inside a block, so every query
 * block is a contiguous run of the sequence.
 */
package org.attentionsuite.image.order;

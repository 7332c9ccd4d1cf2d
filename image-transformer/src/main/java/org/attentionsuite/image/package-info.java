/**
 * Image Transformer (Parmar et al. 2018): shared types of the image side of the suite.
 *
 * <p>Sub-packages:
 * <ul>
 *   <li>{@link org.attentionsuite.image.data} — in-memory image sets and readers (IDX, CIFAR-10,
 *       folders of PNG/JPEG/GIF files, the bundled Fashion-MNIST subset);</li>
 *   <li>{@link org.attentionsuite.image.order} — raster and block-raster orderings of the
 *       pixel-channel sequence used by 1D and 2D local attention;</li>
 *   <li>{@link org.attentionsuite.image.io} — PNG and IDX writers (atomic).</li>
 * </ul>
 *
 * <p>Errors in files or data values are reported as {@link org.attentionsuite.image.ImageDataException}
 * with a one-line message naming the file or value; invalid arguments (sizes, indices, options)
 * raise {@link IllegalArgumentException} or {@link IndexOutOfBoundsException}.
 */
package org.attentionsuite.image;

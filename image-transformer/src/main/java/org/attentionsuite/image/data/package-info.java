/**
 * Image data for the Image Transformer: the immutable {@link org.attentionsuite.image.data.ImageSet}
 * and its readers.
 *
 * <p>Every reader produces pixels in <b>raster order</b>: image-major, then row, column and
 * channel, which is exactly the order in which the Image Transformer generates a sequence of
 * H*W*C intensities (Parmar et al. 2018, Section 3). Readers:
 * <ul>
 *   <li>{@link org.attentionsuite.image.data.IdxReader} — MNIST / Fashion-MNIST IDX files, gzipped or not;</li>
 *   <li>{@link org.attentionsuite.image.data.Cifar10Reader} — CIFAR-10 binary batches (planar R, G, B);</li>
 *   <li>{@link org.attentionsuite.image.data.ImageFolderReader} — a folder tree of PNG/JPEG/GIF files, or one such file;</li>
 *   <li>{@link org.attentionsuite.image.data.DataFormat} — which of these a file is, from its content;</li>
 *   <li>{@link org.attentionsuite.image.data.BundledImages} — a small Fashion-MNIST subset on the classpath.</li>
 * </ul>
 * File problems are reported as {@link org.attentionsuite.image.ImageDataException} with one line
 * naming the file.
 */
package org.attentionsuite.image.data;

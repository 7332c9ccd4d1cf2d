/**
 * Writers for images and image data sets: {@link org.attentionsuite.image.io.PngWriter} (single
 * images and sample grids) and {@link org.attentionsuite.image.io.IdxWriter} (IDX files).
 *
 * <p>Every writer goes through {@link org.attentionsuite.core.io.AtomicFiles} (PNGs through
 * {@link org.attentionsuite.core.io.PngFiles}), so a reader never sees a half-written file.
 */
package org.attentionsuite.image.io;

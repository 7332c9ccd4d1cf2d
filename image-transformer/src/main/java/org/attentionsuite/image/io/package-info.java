/**
 * Writers for images and image data sets: {@link org.attentionsuite.image.io.PngWriter} (single
 * images and sample grids) and {@link org.attentionsuite.image.io.IdxWriter} (IDX files).
 *
 * <p>Every writer is atomic: it writes a temporary file in the target's directory and moves it
 * over the target with {@code ATOMIC_MOVE}, so a reader never sees a half-written file.
 */
package org.attentionsuite.image.io;

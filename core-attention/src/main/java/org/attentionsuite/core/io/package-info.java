/**
 * Files the suite writes: {@link org.attentionsuite.core.io.AtomicFiles}, the one atomic writer
 * (temporary file in the same folder, fsync, rename, {@code rw-r--r--}), and the formats other tools
 * read ({@link org.attentionsuite.core.io.Npy}, NumPy arrays); and
 * {@link org.attentionsuite.core.io.Terminal}, whether progress may redraw a line in place.
 */
package org.attentionsuite.core.io;

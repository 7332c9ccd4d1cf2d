/**
 * Files: {@link org.attentionsuite.core.io.UserFiles}, the one way to read a file a user names
 * (regular files only, a size cap per kind of file, gzip by content); {@link
 * org.attentionsuite.core.io.AtomicFiles}, the one atomic writer (temporary file in the same
 * folder, fsync, rename, {@code rw-r--r--}, temporary files removed when interrupted);
 * {@link org.attentionsuite.core.io.OutputFolder}, the folder a command writes into (checked,
 * locked, cleaned before its work starts); the formats other tools read
 * ({@link org.attentionsuite.core.io.Npy}, NumPy arrays; {@link org.attentionsuite.core.io.PngFiles});
 * {@link org.attentionsuite.core.io.Pictures}, what drawn pictures share (canvas, caption font and
 * colours); and {@link org.attentionsuite.core.io.Terminal}, whether progress may redraw a line in place.
 */
package org.attentionsuite.core.io;

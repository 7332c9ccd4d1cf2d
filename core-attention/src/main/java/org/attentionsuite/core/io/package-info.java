/**
 * Files the suite writes: {@link org.attentionsuite.core.io.AtomicFiles}, the one atomic writer
 * (temporary file in the same folder, fsync, rename, {@code rw-r--r--}).
 */
package org.attentionsuite.core.io;

package org.attentionsuite.core.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Files no reader can take whole, for the tests of readers and of the studio's uploads (a PNG that
 * lies about its size is {@code org.attentionsuite.image.fuzz.ImageSeedCorpus#pngClaiming}).
 */
public final class HostileFiles {
    private HostileFiles() {
    }

    /**
     * A sparse file of {@code bytes} bytes (zeros) at {@code file}: a 2 GiB file costs no disk and no
     * time, so readers can be tested on sizes that no test could write.
     */
    public static Path sparse(Path file, long bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        return file;
    }

    /** A FIFO (named pipe) at {@code file}, made with {@code mkfifo}; the test is skipped without it. */
    public static Path fifo(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", file.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        return file;
    }
}

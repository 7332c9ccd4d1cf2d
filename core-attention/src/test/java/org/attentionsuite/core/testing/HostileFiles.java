package org.attentionsuite.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Assumptions;

/** Small files that lie about themselves, for the tests of readers and of the studio's uploads. */
public final class HostileFiles {
    private HostileFiles() {
    }

    /**
     * A well-formed PNG of a few dozen bytes whose header declares {@code width x height} gray
     * pixels: a decoder that trusts the header allocates {@code width·height} bytes before it finds
     * that the one row of data is missing.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit gray
        chunk(out, "IHDR", header.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[2]);                                     // one filter byte and one pixel
        deflater.finish();
        byte[] data = new byte[64];
        int n = deflater.deflate(data);
        deflater.end();
        chunk(out, "IDAT", java.util.Arrays.copyOf(data, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
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

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}

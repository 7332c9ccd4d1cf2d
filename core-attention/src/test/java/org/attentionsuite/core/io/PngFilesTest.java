package org.attentionsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
    @TempDir
    Path dir;

    private static BufferedImage gradient() {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x * y) & 255));
            }
        }
        return img;
    }

    /** A stream that fails like a full disk after {@code capacity} bytes. */
    private static final class FullDisk extends OutputStream {
        private long left;

        FullDisk(long capacity) {
            this.left = capacity;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                throw new IOException("No space left on device");
            }
            left -= len;
        }
    }

    @Test
    void aFullDiskIsAnIoExceptionNotAStreamCacheTrace() {
        for (long capacity : new long[] {0, 10, 100, 1000}) {
            IOException e = assertThrows(IOException.class,
                    () -> PngFiles.encode(gradient(), new FullDisk(capacity), Map.of("Command", "x")));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
        }
    }

    @Test
    void pixelsAndTextChunksRoundTrip() throws IOException {
        Path f = dir.resolve("grid.png");
        Map<String, String> text = new LinkedHashMap<>();
        text.put("Software", "attention-suite");
        text.put("Command", "./suite image sample --checkpoint runs/a/best.ckpt --seed 7");
        PngFiles.write(gradient(), f, text);
        BufferedImage back = PngFiles.read(f);
        assertEquals(64, back.getWidth());
        assertEquals(gradient().getRGB(63, 47), back.getRGB(63, 47));
        assertEquals(text, PngFiles.readText(f));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(f)));
    }

    /**
     * A text beyond Latin-1 (a command naming a Cyrillic folder) is kept whole, in a UTF-8 iTXt chunk: a tEXt
     * chunk turned it into question marks, so the Command was no longer ready to paste. Latin-1 texts stay tEXt.
     */
    @Test
    void textBeyondLatin1IsKeptWhole() throws IOException {
        Path f = dir.resolve("unicode.png");
        Map<String, String> text = Map.of("Command", "./suite image complete --out /tmp/данные/é", "Seed", "1 é");
        PngFiles.write(gradient(), f, text);
        assertEquals(text, PngFiles.readText(f));
        String chunks = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(chunks.contains("iTXtCommand") && chunks.contains("tEXtSeed"), "one iTXt and one tEXt chunk");
    }

    @Test
    void encodingLeavesTheStreamOpenAndWritesAValidSignature() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngFiles.encode(gradient(), out, Map.of());
        byte[] b = out.toByteArray();
        assertEquals((byte) 0x89, b[0]);
        assertEquals('P', b[1]);
        out.write(1); // still open
    }
}

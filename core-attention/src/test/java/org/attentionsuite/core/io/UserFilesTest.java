package org.attentionsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.testing.HostileFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFilesTest {
    private static final UserFiles.Kind MIDI = UserFiles.Kind.of("MIDI file", 16L << 20);

    @TempDir
    Path dir;

    @Test
    void aFileAboveItsKindsCapIsRefusedBeforeAnythingIsRead() throws IOException {
        Path huge = HostileFiles.sparse(dir.resolve("huge.mid"), 2L << 30);
        UserError e = assertThrows(UserError.class, () -> UserFiles.readAllBytes(huge, MIDI));
        assertEquals(huge + ": holds 2.0 GiB, more than the 16 MiB a MIDI file may hold", e.getMessage());
    }

    @Test
    void aDeviceAFifoAndAFolderAreRefusedByWhatTheyAre() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertEquals("/dev/zero: is a character device, not a regular file; give a MIDI file",
                assertThrows(UserError.class, () -> UserFiles.open(zero, MIDI)).getMessage());
        assertEquals(dir + ": is a folder, not a MIDI file",
                assertThrows(UserError.class, () -> UserFiles.check(dir, MIDI)).getMessage());
        Path fifo = HostileFiles.fifo(dir.resolve("pipe.mid"));
        assertEquals(fifo + ": is a FIFO (named pipe), not a regular file; give a MIDI file",
                assertThrows(UserError.class, () -> UserFiles.readAllBytes(fifo, MIDI)).getMessage());
        Path missing = dir.resolve("nope.mid");
        assertEquals(missing + ": no such file",
                assertThrows(UserError.class, () -> UserFiles.check(missing, MIDI)).getMessage());
    }

    @Test
    void gzippedContentIsReadWhenTheKindAllowsAndCappedAfterInflating() throws IOException {
        byte[] text = "{\"steps\": 10}".getBytes(StandardCharsets.UTF_8);
        Path gz = Files.write(dir.resolve("run.json"), gzip(text));
        assertArrayEquals(text, UserFiles.readAllBytes(gz, new UserFiles.Kind("config file", 1 << 10, true)));
        assertArrayEquals(gzip(text), UserFiles.readAllBytes(gz, UserFiles.Kind.of("config file", 1 << 10)));

        Path bomb = Files.write(dir.resolve("bomb.gz"), gzip(new byte[1 << 20]));   // 1 KiB on disk, 1 MiB inside
        UserFiles.Kind small = new UserFiles.Kind("chorales file", 64 << 10, true);
        UserError e = assertThrows(UserError.class, () -> UserFiles.readAllBytes(bomb, small));
        assertEquals(bomb + ": holds more than the 64 KiB a chorales file may hold", e.getMessage());
    }

    @Test
    void aStreamIsCutOffRightAfterItsCap() throws IOException {
        UserFiles.Kind four = UserFiles.Kind.of("test file", 4);
        try (InputStream in = UserFiles.capped(new java.io.ByteArrayInputStream(new byte[4]), "s", four)) {
            assertEquals(4, in.readAllBytes().length);
        }
        try (InputStream in = UserFiles.capped(new java.io.ByteArrayInputStream(new byte[5]), "s", four)) {
            assertEquals("s: holds more than the 4 bytes a test file may hold",
                    assertThrows(UserError.class, in::readAllBytes).getMessage());
        }
    }

    @Test
    void sizesAreWrittenInWords() {
        assertEquals("512 bytes", UserFiles.bytes(512));
        assertEquals("64 KiB", UserFiles.bytes(64 << 10));
        assertEquals("16 MiB", UserFiles.bytes(16 << 20));
        assertEquals("2.0 GiB", UserFiles.bytes(2L << 30));
        assertTrue(UserFiles.Kind.of("x", 1 << 20).cap().equals("1 MiB"));
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }
}

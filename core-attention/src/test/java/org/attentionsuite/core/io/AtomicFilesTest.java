package org.attentionsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Ctrl-C (or a plain kill) in the middle of a write: the shutdown hook removes the temporary file,
     * and the target keeps its old content (before the hook, every interrupted sampling left a {@code .tmp} file).
     */
    @Test
    void anInterruptedProcessLeavesNoTemporaryFile() throws Exception {
        Path target = Files.writeString(dir.resolve("sample-000.png"), "old");
        Path marker = dir.resolve("..writing");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), InterruptedWrite.class.getName(), target.toString(),
                marker.toString()).redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 600 && !Files.exists(marker) && child.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(marker), "the child never started writing");
            assertEquals(1, names().stream().filter(n -> n.endsWith(".tmp")).count(), "writing: " + names());
            String signal = ignoresInterrupts(child.pid()) ? "-TERM" : "-INT";
            assertEquals(0, new ProcessBuilder("kill", signal, Long.toString(child.pid())).start().waitFor());
            assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the child did not stop");
        } finally {
            child.destroyForcibly();
        }
        Files.delete(marker);
        assertEquals(List.of("sample-000.png"), names());
        assertEquals("old", Files.readString(target));
    }

    /**
     * Whether process {@code pid} ignores SIGINT, as every process started under a background job of
     * a non-interactive shell (e.g. {@code nohup mvn verify &}) does: the JVM then keeps it ignored,
     * so the test stops the child with SIGTERM, which runs the same shutdown hooks.
     */
    private static boolean ignoresInterrupts(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;   // bit of signal 2
            }
        }
        return false;
    }

    @Test
    void writesAndReplacesWithReadablePermissions() throws IOException {
        Path f = dir.resolve("sub/a.bin");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.write(f, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(f));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(List.of("a.bin"), Files.list(dir.resolve("sub")).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void anIoFailureKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old");
        UserError e = assertThrows(UserError.class, () -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("a.txt") && e.getMessage().contains("No space left"), e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("a.txt"), names());
    }

    @Test
    void aRuntimeFailureOfTheWriterLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("b.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        }));
        assertThrows(AssertionError.class, () -> AtomicFiles.write(f, out -> {
            throw new AssertionError("error");
        }));
        assertFalse(Files.exists(f));
        assertEquals(List.of(), names());
    }

    @Test
    void aFolderInTheWayOrAFileAsParentIsOneClearError() throws IOException {
        Files.createDirectory(dir.resolve("taken"));
        UserError folder = assertThrows(UserError.class, () -> AtomicFiles.write(dir.resolve("taken"), new byte[1]));
        assertTrue(folder.getMessage().contains("taken") && folder.getMessage().contains("folder"),
                folder.getMessage());
        Files.writeString(dir.resolve("plain"), "x");
        UserError parent = assertThrows(UserError.class,
                () -> AtomicFiles.write(dir.resolve("plain/child.txt"), new byte[1]));
        assertTrue(parent.getMessage().contains("plain/child.txt"), parent.getMessage());
        assertEquals(List.of("plain", "taken"), names());
    }

    @Test
    void orphansOfAnInterruptedWriteAreRemovedAndNothingElse() throws IOException {
        Files.writeString(dir.resolve(AtomicFiles.tempName("last.ckpt")), "half");
        Files.writeString(dir.resolve(AtomicFiles.tempName("best.ckpt")), "half");
        Files.writeString(dir.resolve("last.ckpt"), "whole");
        Files.writeString(dir.resolve(".hidden.tmp"), "user's own file, not our pattern");
        Files.writeString(dir.resolve("notes.tmp"), "user's");
        assertEquals(2, AtomicFiles.removeOrphans(dir));
        assertEquals(List.of(".hidden.tmp", "last.ckpt", "notes.tmp"), names());
        assertEquals(0, AtomicFiles.removeOrphans(dir.resolve("missing")));
    }

    @Test
    void temporaryNamesAreRecognised() {
        assertTrue(AtomicFiles.isTempName(AtomicFiles.tempName("a.png")));
        assertFalse(AtomicFiles.isTempName(".a.png.tmp"));
        assertFalse(AtomicFiles.isTempName(".a.zz.tmp"));
        assertFalse(AtomicFiles.isTempName("a.1f.tmp"));
    }
}

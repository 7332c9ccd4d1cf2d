package org.attentionsuite.music;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void failureKeepsTheOldContentAndRemovesTheTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("data.txt"), "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(target, temporary -> {
                    Files.writeString(temporary, "half of the new");
                    throw new IOException("disk full");
                }));
        assertEquals(target + ": cannot write (disk full)", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void replacesContentCreatesFoldersAndUsesReadablePermissions() throws IOException {
        Path target = dir.resolve("a/b/data.txt");
        AtomicFiles.write(target, temporary -> Files.writeString(temporary, "new"));
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.write(target, temporary -> Files.writeString(temporary, "newer"));
        assertEquals("newer", Files.readString(target));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)),
                "a replaced file keeps its permissions");
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

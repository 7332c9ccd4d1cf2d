package org.attentionsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @Test
    void aSecondCommandIntoAHeldFolderIsRefusedNamingTheHolder(@TempDir Path dir) {
        Path out = dir.resolve("run");
        try (OutputFolder first = OutputFolder.open(out, "suite image train --out run")) {
            UserError e = assertThrows(UserError.class, () -> OutputFolder.open(out, "suite music train --out run"));
            assertTrue(e.getMessage().startsWith(out + ": in use by another command (pid "
                    + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("suite image train --out run"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(out.toAbsolutePath().normalize(), first.dir());
        }
        try (OutputFolder again = OutputFolder.open(out, "next")) {
            assertTrue(Files.isDirectory(again.dir()), "released when the first command closed");
        }
    }

    @Test
    void aFileInsteadOfAFolderIsReportedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "x");
        UserError e = assertThrows(UserError.class, () -> OutputFolder.open(file, "t"));
        assertEquals(file + ": is a file, not a folder (give --out a folder)", e.getMessage());
        Path below = file.resolve("sub");
        UserError parent = assertThrows(UserError.class, () -> OutputFolder.open(below, "t"));
        assertTrue(parent.getMessage().startsWith(below + ": cannot create the output folder"), parent.getMessage());
    }

    @Test
    void aReadOnlyFolderIsRefusedWhenOpened(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("ro"));
        assertTrue(out.toFile().setWritable(false));
        try {
            if (Files.isWritable(out)) {
                return;                                      // running as root: nothing is read-only
            }
            UserError e = assertThrows(UserError.class, () -> OutputFolder.open(out, "t"));
            assertTrue(e.getMessage().startsWith(out + ": cannot write into the output folder (permission denied)")
                    || e.getMessage().startsWith(out + ": cannot create its lock file"), e.getMessage());
        } finally {
            out.toFile().setWritable(true);
        }
    }

    @Test
    void orphanedTemporaryFilesOfAnInterruptedWriteAreRemovedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve(".last.ckpt.5f3a9c.tmp"), "half a checkpoint");
        Files.writeString(out.resolve("notes.txt"), "kept");
        try (OutputFolder f = OutputFolder.open(out, "t")) {
            assertFalse(Files.exists(out.resolve(".last.ckpt.5f3a9c.tmp")));
            assertTrue(Files.exists(out.resolve("notes.txt")));
        }
    }

    @Test
    void anEarlierRunsOutputsAreRemovedByNameAndNothingElse(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("samples"));
        for (String name : new String[] {"sample-000.png", "sample-015.png", "samples.png", "notes.txt"}) {
            Files.writeString(out.resolve(name), name);
        }
        Files.createDirectory(out.resolve("sample-100.png"));              // a folder is not a file to remove
        try (OutputFolder f = OutputFolder.open(out, "t")) {
            assertEquals(3, f.removeEarlier("{sample-[0-9][0-9][0-9]*.png,samples.png}"));
        }
        try (var left = Files.list(out)) {
            assertEquals(List.of(".lock", "notes.txt", "sample-100.png"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * A command started in the same instant as the holder finds the lock taken but its line not yet
     * written; it waits for the line instead of reporting "holder unknown".
     */
    @Test
    void aHolderThatHasNotWrittenItsLineYetIsWaitedFor(@TempDir Path dir) throws Exception {
        Path lock = Files.createFile(dir.resolve(OutputFolder.LOCK));
        String line = "pid " + ProcessHandle.current().pid() + ", started now, suite demo";
        Thread holder = new Thread(() -> {
            try {
                Thread.sleep(200);
                Files.writeString(lock, line + "\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        holder.start();
        assertEquals(line, OutputFolder.readHolder(lock, Duration.ofSeconds(10)));
        holder.join();
    }

    @Test
    void aLineOfAHolderWhoseProcessIsGoneIsNotReported(@TempDir Path dir) throws Exception {
        Path lock = Files.writeString(dir.resolve(OutputFolder.LOCK), "pid 999999999, started long ago, old\n");
        assertEquals("holder unknown", OutputFolder.readHolder(lock, Duration.ofMillis(50)));
    }

    @Test
    void closingClearsTheHolderLine(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        try (OutputFolder f = OutputFolder.open(out, "first")) {
            assertTrue(Files.readString(f.resolve(OutputFolder.LOCK)).contains("first"));
        }
        assertEquals("", Files.readString(out.resolve(OutputFolder.LOCK)));
    }

    @Test
    void aFolderItCreatedAndLeftEmptyIsRemovedAtClose(@TempDir Path dir) throws Exception {
        Path refused = dir.resolve("refused");
        try (OutputFolder f = OutputFolder.open(refused, "refused before writing")) {
            assertTrue(Files.isDirectory(f.dir()));
        }
        assertFalse(Files.exists(refused), "a command refused after opening its folder leaves no trace");
        Path written = dir.resolve("written");
        try (OutputFolder f = OutputFolder.open(written, "wrote")) {
            Files.writeString(f.resolve("out.txt"), "kept");
        }
        assertTrue(Files.exists(written.resolve("out.txt")));
    }
}

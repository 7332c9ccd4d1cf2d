package org.attentionsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @Test
    void aSecondRunIntoAHeldFolderIsRefusedNamingTheHolder(@TempDir Path dir) {
        Path out = dir.resolve("run");
        try (RunFolder first = RunFolder.open(out, "suite image train --out run")) {
            UserError e = assertThrows(UserError.class, () -> RunFolder.open(out, "suite music train --out run"));
            assertTrue(e.getMessage().startsWith(out + ": in use by another run (pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertTrue(e.getMessage().contains("suite image train --out run"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(out.toAbsolutePath().normalize(), first.dir());
        }
        try (RunFolder again = RunFolder.open(out, "next")) {
            assertTrue(Files.isDirectory(again.dir()), "released when the first run closed");
        }
    }

    @Test
    void aFileInsteadOfAFolderIsReportedBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("out"), "x");
        UserError e = assertThrows(UserError.class, () -> RunFolder.open(file, "t"));
        assertEquals(file + ": is a file, not a folder (give --out a folder for the checkpoints)", e.getMessage());
        Path below = file.resolve("sub");
        UserError parent = assertThrows(UserError.class, () -> RunFolder.open(below, "t"));
        assertTrue(parent.getMessage().startsWith(below + ": cannot create the output folder"), parent.getMessage());
    }

    @Test
    void orphanedTemporaryFilesOfAnInterruptedWriteAreRemovedAtTheNextStart(@TempDir Path dir) throws Exception {
        Path out = Files.createDirectories(dir.resolve("run"));
        Files.writeString(out.resolve(".last.ckpt.5f3a9c.tmp"), "half a checkpoint");
        Files.writeString(out.resolve("notes.txt"), "kept");
        try (RunFolder f = RunFolder.open(out, "t")) {
            assertFalse(Files.exists(out.resolve(".last.ckpt.5f3a9c.tmp")));
            assertTrue(Files.exists(out.resolve("notes.txt")));
        }
    }
}

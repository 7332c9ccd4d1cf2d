package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The research commands (sweep, report, compare) from the command line: a toy run and refused values. */
class ResearchCommandsTest {
    @Test
    void cliRunsAToySweepAndTheReportAndRejectsBadValues(@TempDir Path out) {
        assertEquals(0, SuiteCli.run("sweep", "--lengths", "32,64", "--attention", "full,local1d", "--repetitions", "1",
                "--memory-check-length", "0", "--out", out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("results/sweep.md")));
        assertEquals(0, SuiteCli.run("report", "--out", out.toString()));
        assertTrue(Files.isRegularFile(out.resolve("index.md")));
        assertEquals(2, SuiteCli.run("sweep", "--lengths", "64,32", "--out", out.toString()));
        assertEquals(2, SuiteCli.run("compare", "poems", "--out", out.toString()));
        assertEquals(2, SuiteCli.run("compare", "images", "--preset", "huge", "--out", out.toString()));
    }
}

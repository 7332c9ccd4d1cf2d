package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The research commands (sweep, report, compare, bench) from the command line: toy runs and refused values. */
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

    @Test
    void benchTrainsBreakdownSaysHowEachWorkerSpentTheStep() {
        TrainCommandsTest.Run r = TrainCommandsTest.run("bench", "train", "--shape", "music-tiny", "--repetitions", "1",
                "--untimed", "0", "--workers", "2", "--breakdown");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"threads\":2"), r.out());
        assertTrue(r.out().matches("(?s).*# workers: computing [0-9.]+ / [0-9.]+ ms of the [0-9.]+ ms they ran side by "
                + "side \\(idle -?[0-9.]+%\\); the gradient sum after them -?[0-9.]+ ms.*"), r.out());
    }
}

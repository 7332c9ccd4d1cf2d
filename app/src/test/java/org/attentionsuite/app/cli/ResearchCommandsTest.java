package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
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

    /** A report folder that cannot be written is refused before the sweep or comparison runs, not after it. */
    @Test
    void aReportFolderThatIsAFileIsRefusedBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("report"), "not a folder");
        for (String[] command : new String[][] {{"sweep", "--lengths", "32", "--attention", "full"},
                {"compare", "chorales", "--preset", "quick", "--runs", dir.resolve("runs").toString()}, {"report"}}) {
            String[] args = Stream.concat(Arrays.stream(command), Stream.of("--out", file.toString()))
                    .toArray(String[]::new);
            TrainCommandsTest.Run r = TrainCommandsTest.run(args);
            assertEquals(2, r.code(), r.err());
            assertEquals("error: --out " + file + " is a file, not a report folder", r.err().strip(), command[0]);
        }
        assertEquals("not a folder", Files.readString(file));
        assertTrue(Files.notExists(dir.resolve("runs")), "no comparison run started");
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

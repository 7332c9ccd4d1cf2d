package org.attentionsuite.app.cli;

import static org.attentionsuite.app.cli.SamplingAndScoringLimitsTest.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attentionsuite.app.cli.TrainCommandsTest.Run;
import org.attentionsuite.core.io.OutputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes an output folder opens it as training does ({@link OutputFolder}):
 * checked before any work, locked, cleaned. Two {@code demo --out same} at once both succeeded,
 * each reporting files that held the other's output; sampling into a folder it cannot write
 * failed only after all the sampling; an interrupted {@code image sample} left temporary files no
 * later run removed, and a folder mixing new samples with an old grid (issue 22, defects 4 and 8).
 */
class OutputFoldersTest {
    @TempDir
    Path dir;

    @Test
    void aFolderInUseIsRefusedByEveryCommandThatWrites() {
        Path out = dir.resolve("shared");
        String holder = "suite demo --out " + out;
        List<List<String>> commands = List.of(
                List.of("demo"),
                List.of("image", "sample", "--model", "silk-icons", "--count", "1"),
                List.of("image", "complete", "--model", "fashion-mnist", "--count", "1"),
                List.of("music", "generate", "--model", "jsb-chorales", "--tokens", "8"));
        try (OutputFolder held = OutputFolder.open(out, holder)) {
            for (List<String> command : commands) {
                String[] args = Stream.concat(command.stream(), Stream.of("--out", out.toString()))
                        .toArray(String[]::new);
                Run r = TrainCommandsTest.run(args);
                refused(r, out + ": in use by another command (");
                assertTrue(r.err().contains(holder), r.err());
            }
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsRefusedBeforeSampling() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path below = file.resolve("samples");
        refused(TrainCommandsTest.run("image", "sample", "--model", "fashion-mnist", "--count", "100000", "--out",
                below.toString()), below + ": cannot create the output folder");
        refused(TrainCommandsTest.run("image", "complete", "--model", "fashion-mnist", "--out", below.toString()),
                below + ": cannot create the output folder");
        refused(TrainCommandsTest.run("music", "generate", "--model", "jsb-chorales", "--out", below.toString()),
                below + ": cannot create the output folder");
    }

    @Test
    void imageSampleReplacesAnEarlierRunsSamplesAndItsTemporaryFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("samples"));
        for (String earlier : List.of("sample-000.png", "sample-001.png", "sample-002.png", "samples.png",
                ".sample-003.png.5f3a9c.tmp", "notes.txt")) {
            Files.writeString(out.resolve(earlier), "an earlier run's");
        }
        Run r = TrainCommandsTest.run("image", "sample", "--model", "silk-icons", "--count", "2", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(".lock", "notes.txt", "sample-000.png", "sample-001.png", "samples.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.size(out.resolve("samples.png")) > 100, "the grid is this run's");
    }
}

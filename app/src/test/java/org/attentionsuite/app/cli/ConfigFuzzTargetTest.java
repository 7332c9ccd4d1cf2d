package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attentionsuite.app.cli.TrainCommandsTest.Run;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config-file reader under hostile files: values of the wrong type are one {@code error:} line
 * naming the file and the key (they printed picocli's wrapper message and the usage, or a stack
 * trace), and a short fuzzing campaign finds nothing (the long ones are {@code ./suite fuzz config},
 * recorded in experiments/README.md).
 */
class ConfigFuzzTargetTest {

    @TempDir
    Path dir;

    private Run train(String command, String json) throws IOException {
        Path config = Files.writeString(dir.resolve("run.json"), json);
        return TrainCommandsTest.run(command, "train", "--config", config.toString(), "--out",
                dir.resolve("out").toString());
    }

    private void refused(String command, String json, String expected) throws IOException {
        Run r = train(command, json);
        assertEquals(2, r.code(), r.err());
        assertEquals("error: " + dir.resolve("run.json") + ": " + expected, r.err().strip());
        assertTrue(Files.notExists(dir.resolve("out")));
    }

    /** Issue 22, defect 5: null and objects as values printed picocli's wrapper message and the usage. */
    @Test
    void nullsAndObjectsAreOneLine() throws IOException {
        refused("image", "{\"steps\": null}",
                "the value of 'steps' must be a string, number, boolean or a list of them, not null");
        refused("music", "{\"d-model\": {\"a\": 1}}",
                "the value of 'd-model' must be a string, number, boolean or a list of them, not an object");
    }

    /** Found by fuzzing: a list holding a list or null escaped as an UnsupportedOperationException trace. */
    @Test
    void listsOfListsOrNullsAreOneLine() throws IOException {
        String expected = "the value of 'heads' must be a string, number, boolean or a list of them, not a list "
                + "holding null, objects or lists";
        refused("image", "{\"heads\": [1, [2]]}", expected);
        refused("image", "{\"heads\": [null]}", expected);
    }

    /** Found by fuzzing: a word or a too large number for a number printed picocli's message and the usage. */
    @Test
    void valuesOfTheWrongTypeAreOneLineNamingTheKey() throws IOException {
        refused("image", "{\"batch\": \"eight\"}", "'batch': 'eight' is not an int");
        refused("music", "{\"steps\": 1e400}", "'steps': '1e400' is not a long");
        refused("image", "{\"conditional\": \"maybe\"}", "'conditional': 'maybe' is not a boolean");
    }

    /** Found by fuzzing: a NUL character in a path escaped as an InvalidPathException trace. */
    @Test
    void aNulCharacterIsOneLine() throws IOException {
        refused("music", "{\"data\": \"songs\\u0000\"}", "the value of 'data' holds a NUL character");
    }

    @Test
    void aValueOnTheCommandLineWinsOverAWrongOneInTheFile() throws IOException {
        Path config = Files.writeString(dir.resolve("run.json"), "{\"steps\": \"many\"}");
        Run r = TrainCommandsTest.run("image", "train", "--config", config.toString(), "--steps", "oops", "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("Invalid value for option '--steps': 'oops' is not a long"), r.err());
    }

    @Test
    void aShortCampaignFindsNothing() {
        FuzzOptions options = new FuzzOptions(1000, 5, Duration.ofSeconds(5), 4, dir.resolve("findings"), 1);
        FuzzReport report = Fuzzer.run(new ConfigFuzzTarget(dir.resolve("scratch")),
                new Mutator(ConfigFuzzTarget.seeds()), options, line -> { });
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 3 && report.rejected() > 500, report.toString());
        assertTrue(Files.notExists(dir.resolve("scratch").resolve("never-written")));
    }

    @Test
    void eachTargetIsASubcommandWithTheSameOptions() {
        for (String target : List.of("midi", "checkpoint", "config", "images")) {
            Path out = dir.resolve(target);
            Run r = TrainCommandsTest.run("fuzz", target, "--inputs", "30", "--seed", "2", "--out", out.toString());
            assertEquals(0, r.code(), target + ": " + r.err() + r.out());
            assertTrue(r.out().startsWith("30 inputs in "), r.out());
            assertTrue(r.out().contains(" 0 findings (0 inputs)"), r.out());
        }
    }
}

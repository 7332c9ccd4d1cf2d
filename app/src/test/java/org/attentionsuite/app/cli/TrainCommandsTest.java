package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MetricsLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code image train} and {@code music train} from the command line: the record a run leaves
 * (metrics and chart), config files equal to flags, resuming and overwriting, {@code inspect},
 * {@code plot}, {@code evaluate}, and old option spellings.
 */
public class TrainCommandsTest {
    @TempDir
    Path dir;

    /** A run's exit code and what it printed. */
    public record Run(int code, String out, String err) {
    }

    /** Runs the command line in this JVM, capturing what it prints. */
    public static Run run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SuiteCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    private static final List<String> IMAGE = List.of("image", "train", "--size", "8", "--attention", "local2d",
            "--d-model", "16", "--heads", "2", "--layers", "1", "--batch", "4", "--limit", "200",
            "--validation", "40");

    private Run image(String... more) {
        List<String> args = new java.util.ArrayList<>(IMAGE);
        args.addAll(List.of(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void theWeightsHashFromInspectIsTheSameForOneWorkerAndThreeAndResumingOnAnotherCount() throws IOException {
        // a schedule that does not depend on --steps, so a 6-step run is the first half of a 12-step one
        List<String> same = List.of("--eval-every", "6", "--dropout", "0.1", "--schedule", "inverse-sqrt", "--warmup",
                "2");
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        assertEquals(0, image(with(same, "--steps", "12", "--workers", "1", "--out", one.toString())).code());
        Run r = image(with(same, "--steps", "6", "--workers", "3", "--out", three.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("workers: 3 threads"), r.err());
        assertEquals(0, image(with(same, "--steps", "12", "--workers", "2", "--resume", "--out", three.toString()))
                .code());
        // the evaluations (a train entry after a resume averages fewer steps, so those differ)
        assertEquals(MetricsLog.read(one.resolve(MetricsLog.FILE)).stream().filter(MetricsLog.Entry::isEval)
                        .map(MetricsLog.Entry::loss).toList(),
                MetricsLog.read(three.resolve(MetricsLog.FILE)).stream().filter(MetricsLog.Entry::isEval)
                        .map(MetricsLog.Entry::loss).toList());
        String a = weightsHash(one.resolve("last.ckpt"));
        assertTrue(a.matches("[0-9a-f]{64}"), a);
        assertEquals(a, weightsHash(three.resolve("last.ckpt")), "1 worker vs 3 workers then 2 after a resume");
    }

    private static String[] with(List<String> common, String... more) {
        List<String> all = new java.util.ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private static String weightsHash(Path checkpoint) {
        Run r = run("inspect", checkpoint.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        return com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject().get("weights_sha256").getAsString();
    }

    @Test
    void a50StepImageRunLeavesMetricsAndAChartAndItsConfigFileRepeatsIt() throws IOException {
        Path a = dir.resolve("a");
        Run r = image("--steps", "50", "--out", a.toString());
        assertEquals(0, r.code(), r.err());
        List<MetricsLog.Entry> metrics = MetricsLog.read(a.resolve(MetricsLog.FILE));
        assertEquals(5, metrics.stream().filter(e -> !e.isEval()).count(), "steps 10..50");
        assertTrue(metrics.stream().filter(MetricsLog.Entry::isEval).allMatch(e -> e.unit().equals("bits/dim")));
        assertEquals(900, PngFiles.read(a.resolve("loss.png")).getWidth());

        // inspect writes the run's options back; --config repeats the run exactly
        Path config = dir.resolve("run.json");
        Run inspect = run("inspect", a.resolve("best.ckpt").toString(), "--write-config", config.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("pixels of 8x8x1 blocks 8x8 images"), inspect.out());
        assertTrue(Files.readString(config).contains("\"d-model\": 16"), Files.readString(config));
        Path b = dir.resolve("b");
        Run again = run("image", "train", "--config", config.toString(), "--out", b.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(MetricsLog.read(a.resolve(MetricsLog.FILE)).stream().map(MetricsLog.Entry::loss).toList(),
                MetricsLog.read(b.resolve(MetricsLog.FILE)).stream().map(MetricsLog.Entry::loss).toList(),
                "a run from its config file equals the run from flags");
        assertEquals(Checkpoint.load(a.resolve("best.ckpt"), Precision.FLOAT32).options(),
                Checkpoint.load(b.resolve("best.ckpt"), Precision.FLOAT32).options());

        // a flag on the command line wins over the file
        Path c = dir.resolve("c");
        assertEquals(0, run("image", "train", "--config", config.toString(), "--steps", "20", "--out",
                c.toString()).code());
        assertEquals(20, Checkpoint.load(c.resolve("last.ckpt"), Precision.FLOAT32).step());

        // plot overlays runs; evaluate scores a checkpoint
        Path chart = dir.resolve("plot.png");
        Run plot = run("plot", a.toString(), c.toString(), "--training", "--out", chart.toString());
        assertEquals(0, plot.code(), plot.err());
        assertTrue(Files.size(chart) > 1000);
        Run eval = run("evaluate", "--checkpoint", a.resolve("best.ckpt").toString(), "--data", "bundled", "--limit",
                "64");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith("{") && eval.out().contains("\"unit\":\"bits/dim\""), eval.out());
    }

    @Test
    void anEarlierRunIsKeptUnlessTheUserResumesOrOverwritesIt() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, image("--steps", "10", "--out", out.toString()).code());
        Run refused = image("--steps", "10", "--out", out.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("holds an earlier run (best.ckpt, last.ckpt); pass --resume"),
                refused.err());
        Run resumed = image("--steps", "20", "--resume", "--out", out.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(20, Checkpoint.load(out.resolve("last.ckpt"), Precision.FLOAT32).step());
        List<Long> steps = MetricsLog.read(out.resolve(MetricsLog.FILE)).stream().filter(e -> !e.isEval())
                .map(MetricsLog.Entry::step).toList();
        assertEquals(List.of(10L, 20L), steps, "metrics continue without duplicating steps");
        Run overwritten = image("--steps", "10", "--overwrite", "--out", out.toString());
        assertEquals(0, overwritten.code(), overwritten.err());
        assertEquals(10, Checkpoint.load(out.resolve("last.ckpt"), Precision.FLOAT32).step());
    }

    @Test
    void anOverwriteRefusedBeforeItsFirstStepKeepsTheEarlierRun() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, image("--steps", "10", "--out", out.toString()).code());
        List<String> files = List.of("best.ckpt", "last.ckpt", MetricsLog.FILE, "loss.png");
        List<byte[]> before = new java.util.ArrayList<>();
        for (String f : files) {
            before.add(Files.readAllBytes(out.resolve(f)));
        }
        Path notACheckpoint = Files.writeString(dir.resolve("typo.ckpt"), "not a checkpoint");
        Run refused = image("--steps", "10", "--overwrite", "--init", notACheckpoint.toString(), "--out",
                out.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("error: " + notACheckpoint + ": damaged or not a checkpoint"), refused.err());
        for (int i = 0; i < files.size(); i++) {
            Path f = out.resolve(files.get(i));
            assertTrue(Files.exists(f), f + " is kept: the run that was to replace it never started");
            assertArrayEquals(before.get(i), Files.readAllBytes(f), f.toString());
        }
    }

    @Test
    void aListOfMusicFoldersThatNamesNoneIsOneLine() {
        Run train = run("music", "train", "--data", ",", "--steps", "2", "--out", dir.resolve("m").toString());
        assertEquals(2, train.code(), train.err());
        assertTrue(train.err().startsWith("error: ',' names no MIDI folder"), train.err());
        Run evaluate = run("evaluate", "--model", "game-midi", "--midi", " , ");
        assertEquals(2, evaluate.code(), evaluate.err());
        assertTrue(evaluate.err().startsWith("error: ' , ' names no MIDI folder"), evaluate.err());
    }

    /** A source named twice, or a folder inside another, would put copies of held-out pieces into training. */
    @Test
    void aListOfMusicSourcesThatOverlapIsRefused() throws IOException {
        Path outer = Files.createDirectories(dir.resolve("midi"));
        Path inner = Files.createDirectories(outer.resolve("inner"));
        Run twice = run("music", "train", "--data", "bundled, bundled", "--steps", "2", "--out",
                dir.resolve("a").toString());
        assertEquals(2, twice.code(), twice.err());
        assertEquals("error: --data names bundled twice: its pieces would be held out and trained on at once",
                twice.err().strip());
        Run nested = run("evaluate", "--model", "game-midi", "--midi", outer + "," + inner);
        assertEquals(2, nested.code(), nested.err());
        assertEquals("error: --midi names " + inner + " inside " + outer
                + ": its pieces would be held out and trained on at once", nested.err().strip());
    }

    @Test
    void evaluateNamesItsOwnOptionsInItsRefusals() {
        Run chorales = run("evaluate", "--model", "game-midi", "--chorales", "bundled");
        assertEquals(2, chorales.code(), chorales.err());
        assertEquals("error: game-midi: a performance model cannot be scored on chorales; give --midi", 
                chorales.err().strip());
        Run inspect = run("inspect");
        assertEquals(2, inspect.code(), inspect.err());
        assertTrue(inspect.err().startsWith("error: give either CKPT or --model NAME (shipped: "), inspect.err());
    }

    @Test
    void aMusicRunLeavesItsRecordTooAndConfigFilesAreChecked() throws IOException {
        Path out = dir.resolve("music");
        Run r = run("music", "train", "--length", "32", "--d-model", "16", "--heads", "2", "--layers", "1",
                "--batch", "4", "--steps", "50", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("loss.png")));
        assertTrue(MetricsLog.read(out.resolve(MetricsLog.FILE)).stream().anyMatch(e -> e.unit().equals("nats/event")));

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"d-modle\": 16}");
        Run unknown = run("music", "train", "--config", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: " + bad + ": 'd-modle' is not an option of suite music train"),
                unknown.err());
        Run noRecipe = run("music", "train", "--recipe", "no-such-recipe");
        assertEquals(2, noRecipe.code());
        assertTrue(noRecipe.err().contains("--recipe no-such-recipe: no "), noRecipe.err());
    }

    @Test
    void sparkNeedsItsModuleAndExcludesWorkers() {
        Path out = dir.resolve("spark");
        Run missing = image("--steps", "2", "--spark", "local[2]", "--out", out.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: --spark local[2]: the suite's spark module is not on the class path"),
                missing.err());
        Run both = image("--steps", "2", "--spark", "local[2]", "--workers", "2", "--out", out.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().startsWith("error: give either --workers"), both.err());
        assertTrue(Files.notExists(out.resolve("last.ckpt")));
    }

    @Test
    void removedOptionSpellingsAreRefusedWithOneLine() {
        Run old = run("sweep", "--variants", "full");
        assertEquals(2, old.code());
        assertTrue(old.err().startsWith("Unknown options: '--variants'"), old.err());
    }

    @Test
    void evaluateJudgesSamplesOfConditionalImageAndChoraleModels() {
        Path img = dir.resolve("img");
        assertEquals(0, image("--conditional", "--steps", "10", "--out", img.toString()).code());
        Run images = run("evaluate", "--checkpoint", img.resolve("best.ckpt").toString(), "--data", "bundled",
                "--limit", "100", "--classifier-data", "bundled", "--samples", "20");
        assertEquals(0, images.code(), images.err());
        assertTrue(images.out().contains("\"samples_classified_as_requested\":"), images.out());
        assertTrue(images.out().contains("classifier test accuracy"), images.out());

        Path chorale = dir.resolve("chorale");
        assertEquals(0, run("music", "train", "--chorales", "bundled", "--length", "32", "--d-model", "16", "--heads",
                "2", "--layers", "1", "--batch", "2", "--steps", "5", "--out", chorale.toString()).code());
        Run chorales = run("evaluate", "--checkpoint", chorale.resolve("best.ckpt").toString(), "--chorales",
                "bundled", "--samples", "3", "--tokens", "64");
        assertEquals(0, chorales.code(), chorales.err());
        assertTrue(chorales.out().contains("\"unit\":\"nats/token\"") && chorales.out().contains("nats/note"),
                chorales.out());
        assertTrue(chorales.out().contains("test voicing in satb range and order"), chorales.out());
        Run wrong = run("evaluate", "--checkpoint", chorale.resolve("best.ckpt").toString(), "--data", "bundled");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("not an image model"), wrong.err());
    }

    private static double scored(Run r) {
        return com.google.gson.JsonParser.parseString(r.out().lines().findFirst().orElseThrow()).getAsJsonObject()
                .get("value").getAsDouble();
    }

    private static double lastValidation(Path run) {
        List<MetricsLog.Entry> evals = MetricsLog.read(run.resolve(MetricsLog.FILE)).stream()
                .filter(MetricsLog.Entry::isEval).toList();
        return evals.get(evals.size() - 1).value();
    }

    @Test
    void evaluateSplitScoresExactlyWhatTrainingHeldOutAndTheTestPartNobodySaw() {
        // images: the run's --limit 200, --validation 40, --test 30 and --split-seed 5, read back from the checkpoint
        Path img = dir.resolve("img");
        assertEquals(0, image("--steps", "10", "--eval-every", "10", "--test", "30", "--split-seed", "5", "--out",
                img.toString()).code());
        String ckpt = img.resolve("last.ckpt").toString();
        Run valid = run("evaluate", "--checkpoint", ckpt, "--data", "bundled", "--split", "valid");
        assertEquals(0, valid.code(), valid.err());
        assertTrue(valid.out().contains("bundled, valid split (40 images)"), valid.out());
        assertEquals(lastValidation(img), scored(valid), 1e-5, "bits/dim of the same 40 images, other batching");
        Run test = run("evaluate", "--checkpoint", ckpt, "--data", "bundled", "--split", "test");
        assertEquals(0, test.code(), test.err());
        assertTrue(test.out().contains("bundled, test split (30 images)"), test.out());
        Run first30 = run("evaluate", "--checkpoint", ckpt, "--data", "bundled", "--limit", "30");
        assertTrue(Math.abs(scored(first30) - scored(test)) > 1e-4, "the test images are not the first 30");
        Run train = run("evaluate", "--checkpoint", ckpt, "--data", "bundled", "--split", "train");
        assertTrue(train.out().contains("train split (130 images)"), train.out());

        Path plain = dir.resolve("plain");
        assertEquals(0, image("--steps", "2", "--eval-every", "2", "--out", plain.toString()).code());
        Run none = run("evaluate", "--checkpoint", plain.resolve("last.ckpt").toString(), "--data", "bundled",
                "--split", "test");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("was trained without test images (--test 0)")
                && none.err().contains("--split valid"), none.err());

        // performances: the pieces the split holds out, and the test pieces a seeded shuffle picks
        Path music = dir.resolve("music");
        assertEquals(0, run("music", "train", "--length", "32", "--d-model", "16", "--heads", "2", "--layers", "1",
                "--batch", "4", "--steps", "10", "--eval-every", "10", "--test", "1", "--out", music.toString())
                .code());
        Run pieces = run("evaluate", "--checkpoint", music.resolve("last.ckpt").toString(), "--midi", "bundled",
                "--split", "valid");
        assertEquals(0, pieces.code(), pieces.err());
        assertTrue(pieces.out().contains("valid split ("), pieces.out());
        assertEquals(lastValidation(music), scored(pieces), 1e-5, "nats/event of the held-out pieces");
        Run testPieces = run("evaluate", "--checkpoint", music.resolve("last.ckpt").toString(), "--midi", "bundled",
                "--split", "test");
        assertTrue(testPieces.out().contains("bundled, test split (1 piece)"), testPieces.out() + testPieces.err());

        Run chorales = run("music", "train", "--chorales", "bundled", "--test", "3", "--out",
                dir.resolve("c").toString());
        assertEquals(2, chorales.code());
        assertTrue(chorales.err().contains("the chorales have their own test split"), chorales.err());
        Run bad = run("evaluate", "--checkpoint", ckpt, "--data", "bundled", "--split", "held-out");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--split 'held-out' is unknown (known: train, valid, test)"), bad.err());
    }
}

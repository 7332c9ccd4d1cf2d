package org.attentionsuite.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.CheckpointListener;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.experiments.report.FiniteJson;
import org.attentionsuite.experiments.report.Outputs;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.train.MusicSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparisons at toy sizes on the real bundled data: structure, units, seeds, reuse (never timings). */
class ComparisonTest {
    /** d 16, 2 heads, 1 layer, batch 2, at most 6 steps, evaluation every 3, patience 5. */
    static final ComparisonPreset TINY = TestPresets.tiny(6, 3, 5);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @Test
    void imageArmsRunForEverySeedScoreTheTestSplitAndAreReusedWhenFinished(@TempDir Path dir) throws IOException {
        Comparison.Images images = new Comparison.Images(TINY);
        ComparisonResult r = ComparisonRunner.run(images, 2, dir.resolve("runs"), log);
        assertEquals(6, r.runs().size());
        assertEquals(List.of("full", "local1d", "local2d"), r.summaries().stream().map(
                ComparisonResult.ArmSummary::arm).toList());
        for (ComparisonResult.Run run : r.runs()) {
            assertTrue(run.test() > 0 && run.test() < 8.5, run.arm() + " test " + run.test() + " bits/dim");
            assertTrue(run.bestValidation() > 0 && run.bestValidation() < 8.5, run.toString());
            assertEquals(6, run.steps());
            assertEquals(2, run.curve().size());                        // steps 3 and 6
            assertTrue(Files.isRegularFile(dir.resolve("runs").resolve(run.arm()).resolve("seed-" + run.seed())
                    .resolve(MetricsLog.FILE)));
        }
        ComparisonResult.ArmSummary full = r.summary("full");
        double a = r.runs().get(0).test();
        double b = r.runs().get(1).test();
        assertEquals((a + b) / 2, full.test().mean(), 1e-12);
        assertEquals(Math.abs(a - b) / Math.sqrt(2), full.test().sd(), 1e-12);
        assertEquals(200, Evaluation.images((Evaluation.Data.Images) images.testData(), Checkpoint.load(dir
                .resolve("runs").resolve("full").resolve("seed-1").resolve(CheckpointListener.BEST), Precision.FLOAT32))
                .count(), "bundled images 1,800..1,999");
        ComparisonResult.Timing timing = r.timing();
        assertEquals(ComparisonRunner.TIMING_REPEATS, timing.repeats().size(), "five timings back to back");
        assertEquals(ComparisonRunner.TIMING_ROUNDS * ComparisonRunner.TIMING_STEPS, timing.steps());
        assertEquals(1, timing.threads(), "on the runs' one worker");
        for (ComparisonResult.Timing.Repeat repeat : timing.repeats()) {
            assertEquals(List.of("full", "local1d", "local2d"), List.copyOf(repeat.secondsPerStep().keySet()),
                    "every arm timed back to back");
            repeat.secondsPerStep().values().forEach(v -> assertTrue(v > 0 && v < 10, repeat.toString()));
        }
        double[] range = timing.range("full");
        assertTrue(range[0] <= range[1], "a range");

        logBytes.reset();
        ComparisonResult again = ComparisonRunner.run(images, 2, dir.resolve("runs"), log);
        assertEquals(r.runs().stream().map(ComparisonResult.Run::test).toList(),
                again.runs().stream().map(ComparisonResult.Run::test).toList());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("finished earlier"), "finished runs are reused");

        List<String> expectations = images.expectations(r);
        assertEquals(1, expectations.size());
        assertTrue(expectations.get(0).startsWith("Local 2D within 2% bits/dim of full attention"), expectations.get(0));
        List<Path> written = ComparisonWriter.write(images, r, dir.resolve("report"),
                "./suite compare images --seeds 2");
        assertEquals(4, written.size());
        String md = Files.readString(Outputs.result(dir.resolve("report"), "compare-images.md"));
        assertTrue(md.contains("| arm | parameters | keys per query |") && md.contains("| local2d | ")
                && md.contains(" ± ") && md.contains("test bits/dim"), md);
        assertTrue(md.contains("](../charts/compare-images.png)"));
        assertTrue(md.contains("| time vs full |") && md.contains(" | 1x |"), md);
        assertTrue(md.contains("## Expectations\n\n- Local 2D within 2%"), md);
        assertTrue(md.contains("\n\nImages, 28x28, one channel: the first 1,800 of the bundled 2,000 Fashion-MNIST "
                + "images, shuffled with seed 2018: 1,620 train and the last 180 of that order validate; test: bundled "
                + "images 1,800..1,999. Model: d 16, 2 heads, 1 layer, dropout 0.0; batch 2"), md);
        assertTrue(md.contains("`s/step` is the range of the medians of 5 back-to-back timings"), md);

        ComparisonResult published = ComparisonWriter.published(images, dir.resolve("runs"), dir.resolve("report"));
        assertEquals(r.runs().stream().map(ComparisonResult.Run::test).toList(),
                published.runs().stream().map(ComparisonResult.Run::test).toList(), "the records, read back");
        assertEquals(r.timing(), published.timing(), "the timing, read back");
    }

    @Test
    void choraleArmsReportNatsPerTokenAndPerNoteOnTheTestSplit(@TempDir Path dir) {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        assertEquals(List.of("absolute", "absolute-matched", "relative"),
                chorales.arms().stream().map(Comparison.Arm::name).toList());
        assertEquals(List.of(MusicAttention.ABSOLUTE, MusicAttention.ABSOLUTE, MusicAttention.RELATIVE),
                chorales.arms().stream().map(Comparison.Arm::attention).toList());
        ComparisonResult r = ComparisonRunner.run(chorales, 1, dir.resolve("runs"), log);
        for (ComparisonResult.Run run : r.runs()) {
            assertTrue(run.test() > 0 && run.test() < Math.log(131) + 1, run.toString());
            assertTrue(run.testSecond() >= run.test(), "rests and EOS are charged to the notes: " + run);
        }
        assertEquals("nats/note", r.secondUnit());
        List<String> expected = chorales.expectations(r);
        assertTrue(expected.get(0).startsWith("Relative attention below absolute positions by more than the seeds' "
                + "spread (the paper's expectation): **"), expected.get(0));
        assertTrue(expected.get(1).startsWith("Relative attention below absolute positions with as many parameters "
                + "(absolute-matched: "), expected.get(1));
        assertEquals(r.summary("relative").parameters(), chorales.parameters(chorales.arm("relative")));
    }

    @Test
    void theControlArmHasTheRelativeArmsParameterCountByAWiderFeedForwardLayer() {
        Comparison.Chorales quick = new Comparison.Chorales(ComparisonPreset.quick(), new MusicSource.BundledChorales());
        assertEquals(116_995, quick.parameters(quick.arm("absolute")), "the published absolute arm");
        assertEquals(149_763, quick.parameters(quick.arm("relative")), "the published relative arm");
        assertEquals(383, quick.arm(Comparison.Chorales.MATCHED).size().ffnDim(), "256 + 127 hidden units");
        assertEquals(149_761, quick.parameters(quick.arm(Comparison.Chorales.MATCHED)),
                "2 short: a hidden unit is 2 x 129 parameters over the 2 layers");
        Comparison.Chorales tiny = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        ModelSize size = TINY.chorales().model();
        int perUnit = size.layers() * (2 * size.dModel() + 1);
        assertTrue(Math.abs(tiny.parameters(tiny.arm("relative")) - tiny.parameters(tiny.arm("absolute-matched")))
                <= perUnit / 2, "the closest count a feed-forward width can give");
        assertEquals(128.5, quick.keysPerQuery(quick.arm("relative")), 1e-12, "causal half of 256: (L + 1) / 2");
    }

    @Test
    void runRecordsHoldTheOptionsAsJsonByNameAndANonFiniteSecondUnitAsNull(@TempDir Path dir) throws IOException {
        Comparison.Images images = new Comparison.Images(TINY);
        JsonObject o = ComparisonRunner.optionsOf(images, images.arm("local2d"), 2);
        assertEquals("bundled", o.get("source").getAsString());
        assertEquals(1800, o.getAsJsonObject("split").get("limit").getAsInt());
        assertEquals(2, o.getAsJsonObject("training").get("seed").getAsInt());
        assertFalse(o.has("run"), "where a run goes is not what it is");
        ComparisonResult.Run run = new ComparisonResult.Run("local2d", "local2d", 2, 10, 6, true, 3.1, 3.0,
                Double.NaN, 0.1, 1, List.of(new double[] {3, 4.5}));
        Path seed = dir.resolve("local2d").resolve("seed-2");
        Files.createDirectories(seed);
        Files.writeString(seed.resolve(ComparisonRunner.RUN_FILE), FiniteJson
                .pretty().toJson(new ComparisonRunner.Saved(o, run)));
        String json = Files.readString(seed.resolve(ComparisonRunner.RUN_FILE));
        assertTrue(json.contains("\"testSecond\": null"), json);
        ComparisonResult.Run back = ComparisonRunner.finished(seed, o);
        assertTrue(back != null && Double.isNaN(back.testSecond()) && back.test() == 3.0, String.valueOf(back));
        assertEquals(null, ComparisonRunner.finished(seed, ComparisonRunner.optionsOf(images, images.arm("local2d"), 1)),
                "another seed's options");
    }

    @Test
    void runsSideBySideOnSeveralWorkersGiveTheSameRecordsAsOneAtATimeAndMovedRunsAreReused(@TempDir Path dir)
            throws IOException {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        ComparisonResult inTurn = ComparisonRunner.run(chorales, 2, 1, Workers.threads(1), dir.resolve("one"), log);
        Path earlierLog = dir.resolve("two").resolve("absolute").resolve("seed-1").resolve(ComparisonRunner.TRAIN_LOG);
        Files.createDirectories(earlierLog.getParent());
        Files.writeString(earlierLog, "an interrupted attempt\n");
        ComparisonResult together = ComparisonRunner.run(chorales, 2, 2, Workers.threads(2), dir.resolve("two"), log);
        assertEquals(6, together.runs().size());
        assertTrue(Files.readString(earlierLog).startsWith("an interrupted attempt\n"), "train.log is appended to");
        for (int i = 0; i < inTurn.runs().size(); i++) {
            ComparisonResult.Run a = inTurn.runs().get(i);
            ComparisonResult.Run b = together.runs().get(i);
            assertEquals(List.of(a.arm(), a.seed()), List.of(b.arm(), b.seed()), "table order kept");
            Path seed = Path.of(a.arm(), "seed-" + a.seed());
            assertEquals(withoutTimes(dir.resolve("one").resolve(seed)), withoutTimes(dir.resolve("two").resolve(seed)),
                    "run.json of " + seed + " on 1 and on 2 workers: the same options, steps, curve and scores");
            String progress = Files.readString(dir.resolve("two").resolve(seed).resolve(ComparisonRunner.TRAIN_LOG));
            assertTrue(progress.contains("eval step 6") && progress.contains("workers: 2 threads"), progress);
        }
        assertEquals(2, together.timing().threads(), "timed on the runs' workers");

        Files.move(dir.resolve("two"), dir.resolve("moved"));
        logBytes.reset();
        ComparisonResult again = ComparisonRunner.run(chorales, 2, 2, Workers.threads(1), dir.resolve("moved"), log);
        assertEquals(together.runs().stream().map(ComparisonResult.Run::test).toList(),
                again.runs().stream().map(ComparisonResult.Run::test).toList());
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertEquals(6, text.split("finished earlier", -1).length - 1, "reused on other workers: " + text);
    }

    @Test
    void anInterruptedRunContinuesFromItsLastCheckpointAndRecordsWhatAnUninterruptedRunRecords(@TempDir Path dir)
            throws IOException {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        ComparisonRunner.run(chorales, 1, dir.resolve("straight"), log);
        Comparison.Arm arm = chorales.arm("relative");
        Path seed = Path.of(arm.name(), "seed-1");
        ComparisonRunner.Slot slot = new ComparisonRunner.Slot(arm, 1, dir.resolve("cut").resolve(seed));
        IllegalStateException stop = new IllegalStateException("the machine went away");
        TrainingListener stopAtTheFirstEvaluation = new TrainingListener() {
            @Override
            public void onEvaluation(TrainingRun run, EvalReport e) {
                throw stop;                                  // after last.ckpt of this step was written
            }
        };
        assertEquals(stop, assertThrows(IllegalStateException.class, () -> ComparisonRunner.train(chorales, slot,
                Workers.threads(1), log, log, List.of(stopAtTheFirstEvaluation))));
        assertEquals(3, Checkpoint.load(slot.dir().resolve(CheckpointListener.LAST), Precision.FLOAT32).step());

        logBytes.reset();
        ComparisonRunner.run(chorales, 1, dir.resolve("cut"), log);
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[chorales/relative seed 1] continuing at step 3 in " + slot.dir()), text);
        assertEquals(withoutTimes(dir.resolve("straight").resolve(seed)), withoutTimes(dir.resolve("cut").resolve(seed)),
                "the same options, steps, curve (the evaluation before the interruption included) and scores");
        List<MetricsLog.Entry> evaluations = MetricsLog.read(slot.dir().resolve(MetricsLog.FILE)).stream()
                .filter(MetricsLog.Entry::isEval).toList();
        assertEquals(3, evaluations.get(0).step());

        Files.writeString(slot.dir().resolve(ComparisonRunner.OPTIONS_FILE), "{}");   // another run's folder
        Files.delete(slot.dir().resolve(ComparisonRunner.RUN_FILE));
        logBytes.reset();
        ComparisonRunner.run(chorales, 1, dir.resolve("cut"), log);
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("[chorales/relative seed 1] training into "),
                "a checkpoint of other options is not continued");
    }

    /** The run record in {@code seed}, without its wall-clock times (seconds per step, in all). */
    private static JsonObject withoutTimes(Path seed) throws IOException {
        JsonObject saved = JsonParser.parseString(Files.readString(seed.resolve(ComparisonRunner.RUN_FILE)))
                .getAsJsonObject();
        saved.getAsJsonObject("run").remove("secondsPerStep");
        saved.getAsJsonObject("run").remove("totalSeconds");
        return saved;
    }

    @Test
    void runsSideBySideMustFitIntoTheirShareOfMemoryBeforeAnyStarts(@TempDir Path dir) {
        ComparisonPreset huge = new ComparisonPreset("huge", TINY.images(),
                new ComparisonPreset.ChoraleArms(new ModelSize(1024, 8, 8, 0.1), 1 << 14, 1e-3, 6, 1, 512), 3, 5);
        Comparison.Chorales chorales = new Comparison.Chorales(huge, new MusicSource.BundledChorales());
        UserError e = assertThrows(UserError.class, () -> ComparisonRunner.run(chorales, 1, 2, Workers.threads(3), dir,
                log));
        assertTrue(e.getMessage().startsWith("--preset huge with --jobs 2 and --workers 3 (absolute): "),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("absolute")), "nothing started");
    }

    @Test
    void imageArmsTrainOnThePresetsImagesAndRefuseImpossibleOnes() {
        ComparisonPreset.ImageArms quick = ComparisonPreset.quick().images();
        Comparison.Images quickImages = new Comparison.Images(ComparisonPreset.quick());
        ImageTrainingOptions o = quickImages.options(quickImages.arm("full"), 1, Path.of("unused"));
        assertEquals(ImageSplit.of(quick.images(), quick.validation()), o.split());
        Comparison.Images paperImages = new Comparison.Images(ComparisonPreset.paper());
        ImageTrainingOptions paper = paperImages.options(paperImages.arm("full"), 1, Path.of("unused"));
        assertEquals(ImageSplit.of(0, 1000), paper.split(), "all 60,000 images");
        ModelSize m = new ModelSize(16, 2, 1, 0.0);
        UserError tooMany = assertThrows(UserError.class,
                () -> new ComparisonPreset.ImageArms(m, 2, 3e-3, 10, false, 1900, 180));
        assertTrue(tooMany.getMessage().contains("images (1900) must be 1..1800"), tooMany.getMessage());
        assertThrows(UserError.class, () -> new ComparisonPreset.ImageArms(m, 2, 3e-3, 10, false, 0, 180));
        UserError noTraining = assertThrows(UserError.class,
                () -> new ComparisonPreset.ImageArms(m, 2, 3e-3, 10, false, 180, 180));
        assertTrue(noTraining.getMessage().contains("validation images (180)"), noTraining.getMessage());
        assertThrows(UserError.class, () -> new ComparisonPreset.ImageArms(m, 2, 3e-3, 10, true, 0, 0));
    }

    private static ComparisonResult.Run run(String arm, long seed, double test) {
        return new ComparisonResult.Run(arm, arm, seed, 1, 10, true, test, test, Double.NaN, 0.1, 1, List.of());
    }

    @Test
    void theExpectationsSayWhetherTheyHeld() {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        ComparisonResult apart = new ComparisonResult("chorales", TINY, "nats/token", null, List.of(
                run("absolute", 1, 0.60), run("absolute", 2, 0.62), run("relative", 1, 0.50), run("relative", 2, 0.51)),
                null);
        assertTrue(chorales.expectations(apart).get(0).contains("expectation): **held**"), chorales.expectations(apart).get(0));
        ComparisonResult overlapping = new ComparisonResult("chorales", TINY, "nats/token", null, List.of(
                run("absolute", 1, 0.60), run("absolute", 2, 0.50), run("relative", 1, 0.52), run("relative", 2, 0.56)),
                null);
        assertTrue(chorales.expectations(overlapping).get(0).contains("expectation): **did not hold**"));
        ComparisonResult oneSeed = new ComparisonResult("chorales", TINY, "nats/token", null, List.of(
                run("absolute", 1, 0.60), run("relative", 1, 0.50)), null);
        assertTrue(chorales.expectations(oneSeed).get(0).contains("expectation): **not judged** (one seed has no spread"),
                chorales.expectations(oneSeed).get(0));

        Comparison.Images images = new Comparison.Images(TINY);
        List<ComparisonResult.Run> runs = List.of(run("full", 1, 3.00), run("local2d", 1, 3.05));
        ComparisonResult close = new ComparisonResult("images", TINY, "bits/dim", null, runs, timing(0.14, 0.15));
        assertTrue(images.expectations(close).get(0).contains("(the project's expectation, not the paper's: Parmar "
                + "et al. compare local 1D with local 2D): **held**. Its mean test bits/dim is +1.67%"),
                images.expectations(close).get(0));
        assertTrue(images.expectations(close).get(0).contains("at 2–2.1x less time per step in 2 back-to-back "
                + "timings"), images.expectations(close).get(0));
        ComparisonResult slow = new ComparisonResult("images", TINY, "bits/dim", null, runs, timing(0.20, 0.21));
        assertTrue(images.expectations(slow).get(0).contains("**did not hold** (within 2%, less than 2x faster)"),
                images.expectations(slow).get(0));
        ComparisonResult straddling = new ComparisonResult("images", TINY, "bits/dim", null, runs, timing(0.14, 0.16));
        assertTrue(images.expectations(straddling).get(0).contains("**did not hold** (within 2%, 2x faster in some "
                + "timings, not in all)"), images.expectations(straddling).get(0));
        ComparisonResult fastButWorse = new ComparisonResult("images", TINY, "bits/dim", null,
                List.of(run("full", 1, 3.00), run("local2d", 1, 3.07)), timing(0.10, 0.10));
        assertTrue(images.expectations(fastButWorse).get(0).contains("**did not hold** (not within 2%, at least 2x faster)"),
                images.expectations(fastButWorse).get(0));
    }

    /** Two timings: full attention 0.30 s/step, local 2D {@code first} then {@code second}. */
    private static ComparisonResult.Timing timing(double first, double second) {
        return new ComparisonResult.Timing("2026-12-03T00:00:00Z", 1, 2, 21, List.of(
                new ComparisonResult.Timing.Repeat(Map.of("full", 0.30, "local2d", first), 1.0, 1.2),
                new ComparisonResult.Timing.Repeat(Map.of("full", 0.30, "local2d", second), 1.1, 1.3)));
    }
}

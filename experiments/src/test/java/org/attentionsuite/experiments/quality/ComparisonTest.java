package org.attentionsuite.experiments.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.experiments.report.Outputs;
import org.attentionsuite.image.model.ImageAttention;
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
        assertEquals(200, images.testImages().count(), "bundled images 1,800..1,999");
        assertEquals(List.of("full", "local1d", "local2d"), r.timings().stream().map(ComparisonResult.Timing::arm)
                .toList(), "every arm timed back to back");
        for (ComparisonResult.Timing t : r.timings()) {
            assertEquals(ComparisonRunner.TIMING_ROUNDS * ComparisonRunner.TIMING_STEPS, t.steps());
            assertTrue(t.secondsPerStep() > 0 && t.secondsPerStep() < 10, t.toString());
        }

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
        assertEquals(3, written.size());
        String md = Files.readString(Outputs.result(dir.resolve("report"), "compare-images.md"));
        assertTrue(md.contains("| local2d |") && md.contains(" ± ") && md.contains("test bits/dim"), md);
        assertTrue(md.contains("](../charts/compare-images.png)"));
        assertTrue(md.contains("| time vs full |") && md.contains(" | 1x |"), md);
        assertTrue(md.contains("## Expected from the paper\n\n- Local 2D within 2%"), md);
        assertTrue(md.contains("\n\nImages, 28x28, one channel: the first 1,800 of the bundled 2,000 Fashion-MNIST images, 1,620 "
                + "to train and the last 180 to validate; test: bundled images 1,800..1,999. Model: d 16, 2 heads, "
                + "1 layer, dropout 0.0; batch 2"), md);
    }

    @Test
    void choraleArmsReportNatsPerTokenAndPerNoteOnTheTestSplit(@TempDir Path dir) {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        assertEquals(List.of(MusicAttention.ABSOLUTE, MusicAttention.RELATIVE), chorales.arms());
        ComparisonResult r = ComparisonRunner.run(chorales, 1, dir.resolve("runs"), log);
        for (ComparisonResult.Run run : r.runs()) {
            assertTrue(run.test() > 0 && run.test() < Math.log(131) + 1, run.toString());
            assertTrue(run.testSecond() >= run.test(), "rests and EOS are charged to the notes: " + run);
        }
        assertEquals("nats/note", r.secondUnit());
        String expected = chorales.expectations(r).get(0);
        assertTrue(expected.startsWith("Relative attention below absolute positions by more than the seeds' spread: "
                + "**"), expected);
    }

    @Test
    void runsSideBySideGiveTheSameResultsAsOneAtATimeAndMovedRunsAreReused(@TempDir Path dir) throws IOException {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        ComparisonResult inTurn;
        int threads = Blas.setCpuThreads(1);      // side by side, each run has one BLAS thread: so here too
        try {
            inTurn = ComparisonRunner.run(chorales, 2, 1, dir.resolve("one"), log);
        } finally {
            Blas.setCpuThreads(threads);
        }
        Path earlierLog = dir.resolve("two").resolve("absolute").resolve("seed-1").resolve(ComparisonRunner.TRAIN_LOG);
        Files.createDirectories(earlierLog.getParent());
        Files.writeString(earlierLog, "an interrupted attempt\n");
        ComparisonResult together = ComparisonRunner.run(chorales, 2, 2, dir.resolve("two"), log);
        assertEquals(4, together.runs().size());
        assertTrue(Files.readString(earlierLog).startsWith("an interrupted attempt\n"), "train.log is appended to");
        for (int i = 0; i < inTurn.runs().size(); i++) {
            ComparisonResult.Run a = inTurn.runs().get(i);
            ComparisonResult.Run b = together.runs().get(i);
            assertEquals(List.of(a.arm(), a.seed()), List.of(b.arm(), b.seed()), "table order kept");
            assertEquals(a.test(), b.test(), 0.0, a.arm() + " seed " + a.seed());
            assertEquals(a.bestValidation(), b.bestValidation(), 0.0);
            String progress = Files.readString(dir.resolve("two").resolve(a.arm()).resolve("seed-" + a.seed())
                    .resolve(ComparisonRunner.TRAIN_LOG));
            assertTrue(progress.contains("eval step 6"), progress);
        }

        Files.move(dir.resolve("two"), dir.resolve("moved"));
        logBytes.reset();
        ComparisonResult again = ComparisonRunner.run(chorales, 2, 2, dir.resolve("moved"), log);
        assertEquals(together.runs().stream().map(ComparisonResult.Run::test).toList(),
                again.runs().stream().map(ComparisonResult.Run::test).toList());
        String text = logBytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, text.split("finished earlier", -1).length - 1, text);
    }

    @Test
    void runsSideBySideMustFitIntoTheirShareOfMemoryBeforeAnyStarts(@TempDir Path dir) {
        ComparisonPreset huge = new ComparisonPreset("huge", TINY.images(),
                new ComparisonPreset.ChoraleArms(new ModelSize(1024, 8, 8, 0.1), 1 << 14, 1e-3, 6, 1, 512), 3, 5);
        Comparison.Chorales chorales = new Comparison.Chorales(huge, new MusicSource.BundledChorales());
        UserError e = assertThrows(UserError.class, () -> ComparisonRunner.run(chorales, 1, 2, dir, log));
        assertTrue(e.getMessage().startsWith("--preset huge with --jobs 2 (absolute): "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("absolute")), "nothing started");
    }

    @Test
    void imageArmsTrainOnThePresetsImagesAndRefuseImpossibleOnes() {
        ComparisonPreset.ImageArms quick = ComparisonPreset.quick().images();
        ImageTrainingOptions o = new Comparison.Images(ComparisonPreset.quick()).options(ImageAttention.FULL, 1,
                Path.of("unused"));
        assertEquals(List.of(quick.images(), quick.validation()), List.of(o.imageLimit(), o.validationImages()));
        ImageTrainingOptions paper = new Comparison.Images(ComparisonPreset.paper()).options(ImageAttention.FULL, 1,
                Path.of("unused"));
        assertEquals(List.of(0, 1000), List.of(paper.imageLimit(), paper.validationImages()), "all 60,000 images");
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
                List.of());
        assertTrue(chorales.expectations(apart).get(0).contains("spread: **held**"), chorales.expectations(apart).get(0));
        ComparisonResult overlapping = new ComparisonResult("chorales", TINY, "nats/token", null, List.of(
                run("absolute", 1, 0.60), run("absolute", 2, 0.50), run("relative", 1, 0.52), run("relative", 2, 0.56)),
                List.of());
        assertTrue(chorales.expectations(overlapping).get(0).contains("spread: **did not hold**"));
        ComparisonResult oneSeed = new ComparisonResult("chorales", TINY, "nats/token", null, List.of(
                run("absolute", 1, 0.60), run("relative", 1, 0.50)), List.of());
        assertTrue(chorales.expectations(oneSeed).get(0).contains("spread: **not judged** (one seed has no spread"),
                chorales.expectations(oneSeed).get(0));

        Comparison.Images images = new Comparison.Images(TINY);
        List<ComparisonResult.Run> runs = List.of(run("full", 1, 3.00), run("local2d", 1, 3.05));
        ComparisonResult close = new ComparisonResult("images", TINY, "bits/dim", null, runs, List.of(
                new ComparisonResult.Timing("full", 0.30, 21), new ComparisonResult.Timing("local2d", 0.14, 21)));
        assertTrue(images.expectations(close).get(0).contains("per step: **held**. Its mean test bits/dim is +1.67%"),
                images.expectations(close).get(0));
        ComparisonResult slow = new ComparisonResult("images", TINY, "bits/dim", null, runs, List.of(
                new ComparisonResult.Timing("full", 0.30, 21), new ComparisonResult.Timing("local2d", 0.20, 21)));
        assertTrue(images.expectations(slow).get(0).contains("**did not hold** (within 2%, less than 2x faster)"),
                images.expectations(slow).get(0));
        ComparisonResult fastButWorse = new ComparisonResult("images", TINY, "bits/dim", null,
                List.of(run("full", 1, 3.00), run("local2d", 1, 3.07)), List.of(
                new ComparisonResult.Timing("full", 0.30, 21), new ComparisonResult.Timing("local2d", 0.10, 21)));
        assertTrue(images.expectations(fastButWorse).get(0).contains("**did not hold** (not within 2%, at least 2x faster)"),
                images.expectations(fastButWorse).get(0));
    }
}

package org.attentionsuite.music.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicTrainingTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    /** A tiny relative model on the bundled songs, windows of 64 events (200 steps: about 5 s). */
    private MusicTrainingOptions tiny(long steps, String out) {
        return tiny(steps, out, Schedule.DEFAULT);
    }

    private MusicTrainingOptions tiny(long steps, String out, Schedule schedule) {
        return MusicTrainingOptions.defaults(new MusicSource.Bundled(), dir.resolve(out))
                .withSize(new ModelSize(32, 4, 1, 0.0)).withLength(64)
                .withTraining(new TrainingOptions(steps, 4, 5e-3, 20, 100, 0, 3, schedule));
    }

    private TrainingResult train(MusicTrainingOptions o) {
        return MusicTraining.train(o, log, List.of());
    }

    private static TrainConfig trainConfig(MusicTrainingOptions o) {
        return MusicTraining.task(o).trainConfig(o.modelConfig());
    }

    @Test
    void musicDecaysAsTheInverseSquareRootUnlessAskedForACosine() {
        MusicTrainingOptions o = tiny(1_000, "schedule");
        assertTrue(trainConfig(o).schedule() instanceof LearningRateSchedule.Noam);
        MusicTrainingOptions cosine = tiny(1_000, "schedule", Schedule.COSINE);
        assertTrue(trainConfig(cosine).schedule()
                instanceof LearningRateSchedule.Cosine);
    }

    @Test
    void aTinyRelativeModelLearnsTheBundledSongs() {
        TrainingResult r = train(tiny(200, "run"));
        double uniform = Math.log(390);
        assertEquals(200, r.steps());
        assertEquals(2, r.evaluations().size());
        assertTrue(r.bestValidationLoss() < uniform - 1.0,
                "validation " + r.bestValidationLoss() + " nats/event should be well below ln 390 = " + uniform);
        assertTrue(r.evaluations().get(1).loss() < r.evaluations().get(0).loss(), "still improving at step 200");
        assertTrue(Files.isRegularFile(r.best()) && Files.isRegularFile(r.last()));
        Checkpoint.Loaded best = Checkpoint.load(r.best(), Precision.FLOAT32);
        assertEquals(new MusicTokens.PerformanceEvents(), best.tokens());
        assertEquals("music train", best.provenance().command());
        String printed = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("7 training pieces"), printed);
        assertTrue(printed.contains("nats/event"), printed);
    }

    /** {@code o} with windows of {@code length} tokens and relative tables of {@code rows} rows (0 = the length). */
    private static MusicTrainingOptions windows(MusicTrainingOptions o, int length, int rows) {
        return new MusicTrainingOptions(o.source(), o.attention(), o.size(), length, rows, o.transpose(), o.split(),
                o.training(), o.run());
    }

    @Test
    void initGoesOnToLongerWindowsWhenTheRelativeTablesKeepTheirRows() {
        TrainingResult shorter = train(windows(tiny(10, "short"), 32, 16));
        // A learning rate of ~0 leaves every float32 weight as it was: the new run holds the old one's weights.
        MusicTrainingOptions still = windows(tiny(1, "long"), 64, 16)
                .withTraining(new TrainingOptions(1, 4, 1e-30, 0, 0, 0, 3));
        TrainingResult longer = train(still.withRun(still.run().withInit(shorter.last())));
        Checkpoint.Loaded from = Checkpoint.load(shorter.last(), Precision.FLOAT32);
        Checkpoint.Loaded to = Checkpoint.load(longer.last(), Precision.FLOAT32);
        assertEquals(64, to.model().config().maxLength());
        assertEquals(from.model().config().attention(), to.model().config().attention(), "R = 16 in both");
        int n = from.model().params().size();
        assertEquals(n, to.model().params().size());
        for (int i = 0; i < n; i++) {
            assertEquals(from.model().params().values().get(i), to.model().params().values().get(i), 0.0, "weight " + i);
        }

        MusicTrainingOptions growing = windows(tiny(1, "grow"), 64, 0);      // R = 64 rows: more weights
        UserError e = assertThrows(UserError.class, () -> train(growing.withRun(growing.run()
                .withInit(shorter.last()))));
        assertTrue(e.getMessage().startsWith(shorter.last() + ": --init needs the model the options describe"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("length 32, dropout 0.0, whose weights depend on its length"),
                e.getMessage());
    }

    @Test
    void aRelativeDistanceMustFitTheWindowAndATable() {
        UserError longer = assertThrows(UserError.class, () -> windows(tiny(1, "r"), 64, 65));
        assertEquals("--relative-distance (65) must be in 1..64 (the --length), or 0 for the length",
                longer.getMessage());
        UserError absolute = assertThrows(UserError.class,
                () -> windows(tiny(1, "r").withAttention(MusicAttention.ABSOLUTE), 64, 16));
        assertTrue(absolute.getMessage().startsWith("--relative-distance is for the attentions with one relative "
                + "table of R rows (relative, relative-shared, relative-pairwise), not absolute"), absolute.getMessage());
        assertEquals("relative(R=16, per-head)", windows(tiny(1, "r"), 64, 16).modelConfig().attention().label());
        assertEquals("relative(R=64, per-head)", windows(tiny(1, "r"), 64, 0).modelConfig().attention().label());
    }

    @Test
    void resumingOnAnotherScheduleShapeSaysSo() {
        TrainingResult first = train(tiny(4, "run"));
        String before = logBytes.toString(StandardCharsets.UTF_8);
        assertFalse(before.contains("schedule;"), before);
        train(tiny(6, "run", Schedule.COSINE).withRun(RunOptions.fresh(dir.resolve("run"), "t")
                .withStart(new Start.Resume(first.last()))));
        String printed = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("note: " + first.last() + " was trained with the inverse-sqrt schedule; "
                + "continuing with cosine (--schedule)"), printed);
    }

    @Test
    void resumingContinuesExactlyToTheNewTotalAndRefusesWhenDone() {
        TrainingResult first = train(tiny(20, "run"));
        TrainingResult more = train(tiny(25, "run")
                .withRun(RunOptions.fresh(dir.resolve("run"), "t")
                .withStart(new Start.Resume(first.last()))));
        assertEquals(25, more.steps());
        TrainingResult straight = train(tiny(25, "straight"));
        assertEquals(straight.lastValidationLoss(), more.lastValidationLoss(), 0.0, "resuming is exact");
        UserError done = assertThrows(UserError.class, () -> train(tiny(25, "run").withRun(
                RunOptions.fresh(dir.resolve("run"), "t").withStart(new Start.Resume(more.last())))));
        assertTrue(done.getMessage().contains("is already at step 25"), done.getMessage());
    }

    @Test
    void badInputsNameTheirFile() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        MusicDataException noMidi = assertThrows(MusicDataException.class,
                () -> train(tiny(5, "a").withSource(new MusicSource.MidiFolder(empty))));
        assertEquals(empty + ": no .mid or .midi files found", noMidi.getMessage());

        Path missing = dir.resolve("missing.ckpt");
        CheckpointException ckpt = assertThrows(CheckpointException.class, () -> train(tiny(5, "b")
                .withRun(RunOptions.fresh(dir.resolve("b"), "t")
                .withStart(new Start.Resume(missing)))));
        assertTrue(ckpt.getMessage().startsWith(missing.toString()), ckpt.getMessage());

        Path json = dir.resolve("jsb.json");
        Files.writeString(json, "{\"train\": [");
        MusicDataException badJson = assertThrows(MusicDataException.class,
                () -> train(tiny(5, "c").withSource(new MusicSource.Chorales(json))));
        assertTrue(badJson.getMessage().startsWith(json.toString()), badJson.getMessage());

        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> tiny(5, "d").withSource(new MusicSource.Chorales(json))
                        .withLength(30));
        assertTrue(odd.getMessage().contains("multiple of 4"), odd.getMessage());
    }

    @Test
    void anImageCheckpointCannotResumeMusicTraining() throws Exception {
        TrainingResult r = train(tiny(4, "perf"));
        Path json = dir.resolve("jsb.json");
        Files.writeString(json, "{\"train\": [[[60, 55, 52, 48]]], \"valid\": [[[60, 55, 52, 48]]], \"test\": []}");
        UserError e = assertThrows(UserError.class, () -> train(tiny(8, "x")
                .withSource(new MusicSource.Chorales(json))
                .withRun(RunOptions.fresh(dir.resolve("x"), "t")
                .withStart(new Start.Resume(r.last())))));
        assertTrue(e.getMessage().startsWith(r.last() + ": was trained on performance events"), e.getMessage());
    }
}

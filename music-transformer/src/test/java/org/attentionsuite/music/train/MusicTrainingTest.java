package org.attentionsuite.music.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.MusicDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicTrainingTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    /** A tiny relative model on the bundled songs, windows of 64 events (200 steps: about 5 s). */
    private MusicTrainingOptions tiny(long steps) {
        return MusicTrainingOptions.defaults(new MusicSource.Bundled(), dir.resolve("run"))
                .withSize(new ModelSize(32, 4, 1, 0.0)).withLength(64).withBatch(4).withSteps(steps)
                .withLearningRate(5e-3).withWarmupSteps(20).withEvalEvery(100).withSeed(3);
    }

    @Test
    void aTinyRelativeModelLearnsTheBundledSongs() {
        MusicTrainingResult r = MusicTraining.train(tiny(200), log);
        double uniform = Math.log(390);
        assertEquals(200, r.steps());
        assertEquals(2, r.evaluations().size());
        assertTrue(r.bestValidation() < uniform - 1.0,
                "validation " + r.bestValidation() + " nats/event should be well below ln 390 = " + uniform);
        assertTrue(r.evaluations().get(1).loss() < r.evaluations().get(0).loss(), "still improving at step 200");
        assertTrue(Files.isRegularFile(r.bestCheckpoint()) && Files.isRegularFile(r.lastCheckpoint()));
        Checkpoint.Loaded best = Checkpoint.load(r.bestCheckpoint(), Precision.FLOAT32);
        assertEquals(390, best.model().config().vocabSize());
        assertTrue(best.provenance().command().startsWith("suite music train --data bundled --attention relative"));
        assertTrue(r.bestNatsPerNote().isEmpty());
        assertTrue(logBytes.toString(StandardCharsets.UTF_8).contains("7 training pieces"));
    }

    @Test
    void resumingContinuesToTheNewTotalAndRefusesWhenDone() {
        MusicTrainingResult first = MusicTraining.train(tiny(20), log);
        MusicTrainingResult more = MusicTraining.train(tiny(25).withResume(first.lastCheckpoint()), log);
        assertEquals(25, more.steps());
        MusicTrainingResult straight = MusicTraining.train(tiny(25).withOutDir(dir.resolve("straight")), log);
        assertEquals(straight.lastValidation(), more.lastValidation(), 1e-6, "resuming is exact");
        IllegalArgumentException done = assertThrows(IllegalArgumentException.class,
                () -> MusicTraining.train(tiny(25).withResume(more.lastCheckpoint()), log));
        assertTrue(done.getMessage().contains("already trained for 25 steps"), done.getMessage());
    }

    @Test
    void badInputsNameTheirFile() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        MusicDataException noMidi = assertThrows(MusicDataException.class,
                () -> MusicTraining.train(tiny(5).withSource(new MusicSource.MidiFolder(empty)), log));
        assertEquals(empty + ": no .mid or .midi files found", noMidi.getMessage());

        Path missing = dir.resolve("missing.ckpt");
        CheckpointException ckpt = assertThrows(CheckpointException.class,
                () -> MusicTraining.train(tiny(5).withResume(missing), log));
        assertTrue(ckpt.getMessage().startsWith(missing.toString()), ckpt.getMessage());

        Path json = dir.resolve("jsb.json");
        Files.writeString(json, "{\"train\": [");
        MusicDataException badJson = assertThrows(MusicDataException.class,
                () -> MusicTraining.train(tiny(5).withSource(new MusicSource.Chorales(json)), log));
        assertTrue(badJson.getMessage().startsWith(json.toString()), badJson.getMessage());

        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> tiny(5).withSource(new MusicSource.Chorales(json)).withLength(30));
        assertTrue(odd.getMessage().contains("multiple of 4"), odd.getMessage());
    }
}

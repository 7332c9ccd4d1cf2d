package org.attentionsuite.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.NormPlacement;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @Test
    void roundTripRestoresEverything(@TempDir Path dir) throws Exception {
        ModelConfig cfg = ModelConfig.of(50, 16, 2, 1, 32, 20).withNorm(NormPlacement.POST)
                .withActivation(Activation.GELU).withPosition(new Positions.Learned()).withTiedOutput(true)
                .withConditionClasses(3).withDropout(0.1);
        TrainConfig tc = TrainConfig.of(99, new LearningRateSchedule.Noam(16, 10, 2.0), 42);
        TrainingRun run = new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, 3), tc, "sha256:abc");
        run.optimizer().firstMoments().set(0, 5, 0.25);
        run.restore(17, 1.5);
        Path file = dir.resolve("a.ckpt");
        Checkpoint.save(run, file, "suite train --x");
        Checkpoint.Loaded back = Checkpoint.load(file, Precision.FLOAT32);

        assertEquals(cfg, back.model().config());
        assertEquals(tc, back.run().config());
        assertEquals(17, back.run().step());
        assertEquals(1.5, back.run().bestValidationLoss());
        assertEquals(42, back.provenance().seed());
        assertEquals("sha256:abc", back.provenance().dataFingerprint());
        assertEquals("suite train --x", back.provenance().command());
        assertEquals(SuiteVersion.get(), back.provenance().version());
        assertArrayEquals(run.model().params().values().whole().toArray(),
                back.model().params().values().whole().toArray(), 0.0);
        assertEquals(0.25, back.run().optimizer().firstMoments().get(0, 5));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void unreadableFilesFailWithTheirName(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a zip");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(junk, Precision.FLOAT32));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(dir.resolve("nope.ckpt"), Precision.FLOAT32));
        assertTrue(missing.getMessage().contains("nope.ckpt"));
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole(@TempDir Path dir) {
        ModelConfig cfg = ModelConfig.of(20, 8, 2, 1, 16, 10);
        TrainConfig tc = TrainConfig.of(5, new LearningRateSchedule.Constant(1e-3), 1);
        Path file = dir.resolve("x.ckpt");
        TrainingRun a = new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, 1), tc, "a");
        Checkpoint.save(a, file, "a");
        TrainingRun b = new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, 2), tc, "b");
        b.restore(3, 0.7);
        Checkpoint.save(b, file, "b");
        Checkpoint.Loaded l = Checkpoint.load(file, Precision.FLOAT32);
        assertEquals("b", l.provenance().dataFingerprint());
        assertArrayEquals(b.model().params().values().whole().toArray(), l.model().params().values().whole().toArray(),
                0.0);
    }
}

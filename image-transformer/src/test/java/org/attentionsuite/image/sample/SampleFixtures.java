package org.attentionsuite.image.sample;

import java.nio.file.Path;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.model.ImageModels;

/** Small image-model checkpoints for the sampling tests (untrained: sampling only needs weights). */
final class SampleFixtures {
    private SampleFixtures() {
    }

    /** Saves a freshly initialised d-16 one-layer model for {@code size x size x channels} images. */
    static Path checkpoint(Path dir, int size, int channels, AttentionSpec attention, boolean conditional, long seed) {
        DecoderModel model = new DecoderModel(ImageModels.config(size, size, channels, attention,
                new ModelSize(16, 2, 1, 0.0), conditional), Precision.FLOAT32, seed);
        TrainingRun run = new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), seed),
                "test");
        Path file = dir.resolve("model-" + seed + ".ckpt");
        TrainingCheckpoint.save(run, file, new Checkpoint.RunRecord(ImageModels.tokens(model.config(), ClassNames.UNKNOWN), "SampleFixtures", null));
        return file;
    }
}

package org.attentionsuite.image.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.image.BitsPerDim;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.model.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny local-2D model on 64 real bundled images (14x14), trained for a few dozen steps. */
class ImageTrainingTest {
    @TempDir
    Path dir;

    private ImageTrainingOptions options(long steps) {
        return ImageTrainingOptions.of(new ImageSource.Bundled(), 14, 1, new LocalAttention2d.Spec(14, 14, 1, 7, 7, 7, 7),
                dir.resolve("run")).withModel(new ModelSize(32, 4, 1)).withSteps(steps).withImageLimit(64)
                .withLearningRate(5e-3).withSeed(3);
    }

    @Test
    void trainingLowersValidationBitsPerDimBelowUniformAndResumes() {
        ImageTrainingOptions o = options(30);
        ImageData data = ImageTraining.load(o);
        assertEquals(52, data.train().count());
        assertEquals(12, data.heldOut().count());
        DecoderModel untrained = new DecoderModel(
                org.attentionsuite.image.model.ImageModels.config(14, 14, 1, o.attention(), o.model(), false),
                Precision.FLOAT32, o.seed());
        double before = BitsPerDim.fromNats(Trainer.evaluate(untrained, data.validationBatches()));
        assertTrue(before > 7.9, "an untrained model is near uniform: " + before);

        ImageTrainingResult r = ImageTraining.train(o);
        assertEquals(30, r.steps());
        assertEquals(5, r.evaluations().size());                  // every 30/5 = 6 steps
        assertTrue(r.finalBitsPerDim() < 7.0, "validation bits/dim " + r.finalBitsPerDim());
        assertTrue(r.bestBitsPerDim() <= r.finalBitsPerDim());
        assertTrue(r.evaluations().stream().allMatch(e -> Double.isFinite(e.bitsPerDim())));
        assertTrue(Double.isFinite(r.secondsPerStep()) && r.secondsPerStep() > 0);
        assertTrue(r.totalSeconds() >= r.secondsPerStep() * 30);
        assertTrue(Files.isRegularFile(r.lastCheckpoint()) && Files.isRegularFile(r.bestCheckpoint()));
        assertEquals(data.fingerprint(), r.dataFingerprint());

        ImageTrainingResult more = ImageTraining.train(options(40).withResume(r.lastCheckpoint())
                .withOut(dir.resolve("more")));
        assertEquals(40, more.steps());
        assertEquals(2, more.evaluations().size());               // every 40/5 = 8 steps: 32 and 40
        assertEquals(32, more.evaluations().get(0).step());
        assertTrue(more.bestBitsPerDim() <= r.bestBitsPerDim());

        IllegalArgumentException done = assertThrows(IllegalArgumentException.class,
                () -> ImageTraining.train(options(30).withResume(r.lastCheckpoint())));
        assertTrue(done.getMessage().endsWith("is already at step 30; give --steps above that to continue training"),
                done.getMessage());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> ImageTraining.train(
                options(60).withResume(r.lastCheckpoint()).withConditional(true)));
        assertFalse(other.getMessage().contains("\n"));
        assertTrue(other.getMessage().contains("was trained on 14x14x1 blocks 7x7 images"), other.getMessage());
    }
}

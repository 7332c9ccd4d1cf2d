package org.attentionsuite.image.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.image.BitsPerDim;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny local-2D model on 64 real bundled images (14x14), trained for a few dozen steps. */
class ImageTrainingTest {
    @TempDir
    Path dir;

    private static TrainingResult train(ImageTrainingOptions o) {
        return ImageTraining.train(o, System.err, List.of());
    }

    private ImageTrainingOptions options(long steps, String out) {
        return ImageTrainingOptions.of(new ImageSource.Bundled(), 14, 1, dir.resolve(out))
                .withModel(new ModelSize(32, 4, 1, 0.0)).withSplit(ImageSplit.of(64, 256))
                .withTraining(new TrainingOptions(steps, 8, 5e-3, 0, 0, 0, 3));
    }

    private static TrainConfig trainConfig(ImageTrainingOptions o) {
        return ImageTraining.task(o).trainConfig(o.modelConfig());
    }

    @Test
    void imagesDecayAlongACosineUnlessAskedForTheInverseSquareRoot() {
        ImageTrainingOptions o = options(1_000, "schedule");
        assertTrue(trainConfig(o).schedule() instanceof LearningRateSchedule.Cosine);
        assertTrue(trainConfig(o.withTraining(new TrainingOptions(1_000, 8, 5e-3, 0, 0, 0, 3, Schedule.INVERSE_SQRT)))
                .schedule() instanceof LearningRateSchedule.Noam);
    }

    @Test
    void trainingLowersValidationBitsPerDimBelowUniformAndResumes() {
        ImageTrainingOptions o = options(30, "run");
        ImageData data = ImageTraining.load(o, o.modelConfig());
        assertEquals(52, data.train().count());
        assertEquals(12, data.heldOut().count());
        assertEquals("14x14x1 blocks 7x7", data.order().label());
        DecoderModel untrained = new DecoderModel(o.modelConfig(), Precision.FLOAT32, 3);
        double before = BitsPerDim.fromNats(Workers.threads(1).evaluate(untrained, data.validationBatches()));
        assertTrue(before > 7.9, "an untrained model is near uniform: " + before);

        TrainingResult r = train(o);
        assertEquals(30, r.steps());
        assertEquals(5, r.evaluations().size());                  // every 30/5 = 6 steps
        double last = r.inUnit(r.lastValidationLoss());
        assertTrue(last < 7.0, "validation bits/dim " + last);
        assertTrue(r.bestValidationLoss() <= r.lastValidationLoss());
        assertTrue(Double.isFinite(r.secondsPerStep()) && r.secondsPerStep() > 0);
        assertTrue(Files.isRegularFile(r.last()) && Files.isRegularFile(r.best()));
        assertEquals(data.fingerprint(), r.dataFingerprint());
        assertEquals(Pixels.of(data.order()), Checkpoint.load(r.best(), Precision.FLOAT32).tokens());
        List<MetricsLog.Entry> metrics = MetricsLog.read(dir.resolve("run").resolve(MetricsLog.FILE));
        assertEquals(3, metrics.stream().filter(e -> !e.isEval()).count());      // steps 10, 20, 30
        assertEquals(5, metrics.stream().filter(MetricsLog.Entry::isEval).count());
        assertEquals("bits/dim", metrics.stream().filter(MetricsLog.Entry::isEval).findFirst().orElseThrow().unit());

        TrainingResult more = train(options(40, "more").withRun(o.run()
                .withOut(dir.resolve("more"))
                .withStart(new Start.Resume(r.last()))));
        assertEquals(40, more.steps());
        assertEquals(2, more.evaluations().size());               // every 40/5 = 8 steps: 32 and 40
        assertEquals(32, more.evaluations().get(0).step());
        assertTrue(more.bestValidationLoss() <= r.bestValidationLoss());

        UserError done = assertThrows(UserError.class, () -> train(options(30, "again")
                .withRun(o.run().withOut(dir.resolve("again"))
                .withStart(new Start.Resume(r.last())))));
        assertTrue(done.getMessage().endsWith("is already at step 30; give --steps above that to continue training"),
                done.getMessage());
        UserError other = assertThrows(UserError.class, () -> train(options(60, "cond")
                .withConditional(true).withRun(o.run()
                .withOut(dir.resolve("cond"))
                        .withStart(new Start.Resume(r.last())))));
        assertFalse(other.getMessage().contains("\n"));
        assertTrue(other.getMessage().startsWith(r.last() + ": was trained on pixels of 14x14x1 blocks 7x7 images, "
                + "but the options describe pixels of 14x14x1 blocks 7x7 images with 10 classes (Fashion-MNIST)"), other.getMessage());
    }

    @Test
    void aFreshRunRefusesAnEarlierRunsFolderUnlessToldToOverwrite() {
        ImageTrainingOptions o = options(4, "run");
        train(o);
        UserError refused = assertThrows(UserError.class, () -> train(o));
        assertTrue(refused.getMessage().contains("holds an earlier run (best.ckpt, last.ckpt); pass --resume to "
                + "continue it or --overwrite to replace it"), refused.getMessage());
        TrainingResult again = train(o.withRun(o.run()
                .withStart(new Start.Overwrite())));
        assertEquals(4, again.steps());
        assertEquals(4, Checkpoint.load(again.last(), Precision.FLOAT32).step());
    }

    @Test
    void outputFolderProblemsAreReportedBeforeTheFirstStep() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        ImageTrainingOptions o = options(4, "unused").withRun(RunOptions.fresh(file, "t"));
        UserError e = assertThrows(UserError.class, () -> train(o));
        assertEquals(file + ": is a file, not a folder (give --out a folder)", e.getMessage());
    }

    /** A fresh run that diverges before its first evaluation has no last.ckpt to resume from, and says so. */
    @Test
    void aFreshRunThatDivergesBeforeSavingDoesNotAdviseResumingFromACheckpoint() {
        ImageTrainingOptions o = options(40, "diverges")
                .withTraining(new TrainingOptions(40, 8, 1e9, 0, 40, 0, 3));
        UserError e = assertThrows(UserError.class, () -> train(o));
        assertTrue(e.getMessage().startsWith("training diverged at step "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("diverges").resolve("last.ckpt")));
        assertFalse(e.getMessage().contains("last.ckpt"), e.getMessage());
        assertTrue(e.getMessage().endsWith("nothing was saved before it; start again with a lower --lr"),
                e.getMessage());
    }

    @Test
    void anImpossibleSizeIsRefusedByItsMemoryEstimateBeforeLoadingData() {
        ImageTrainingOptions big = ImageTrainingOptions.of(new ImageSource.Bundled(), 1024, 1, dir.resolve("big"));
        UserError e = assertThrows(UserError.class, () -> train(big));
        assertTrue(e.getMessage().startsWith("--batch 8, --size 1024"), e.getMessage());
        assertTrue(e.getMessage().contains("training needs about") || e.getMessage().contains("2^31"), e.getMessage());
        // Micro-batches keep the activations of a large batch small; its token ids (3e6 x 784) cannot be held.
        UserError batch = assertThrows(UserError.class, () -> train(options(4, "b")
                .withTraining(new TrainingOptions(4, 3_000_000, 1e-3, 0, 0, 0, 1))));
        assertTrue(batch.getMessage().startsWith("--batch 3000000"), batch.getMessage());
        assertEquals(ImageModels.VOCAB, big.modelConfig().vocabSize());
    }

    @Test
    void initStartsANewRunFromACheckpointsWeightsAndRefusesAnotherModel() {
        TrainingResult first = train(options(20, "first"));
        // A learning rate of ~0: the new run's first evaluation scores the weights it started from.
        ImageTrainingOptions still = options(1, "init")
                .withTraining(new TrainingOptions(1, 8, 1e-30, 0, 0, 0, 3));
        TrainingResult init = train(still.withRun(still.run()
                .withInit(first.last())));
        assertEquals(first.lastValidationLoss(), init.evaluations().get(0).loss(), 1e-6,
                "the first evaluation of a run from --init scores the checkpoint's weights");
        assertEquals(1, init.steps(), "a new run: step 0 and a fresh optimizer");
        TrainingResult random = train(options(1, "random").withTraining(still.training()));
        assertTrue(random.evaluations().get(0).loss() > first.lastValidationLoss() + 0.5,
                "without --init the run starts from random weights");

        ImageTrainingOptions wider = options(1, "wider")
                .withModel(new ModelSize(64, 4, 1, 0.0));
        UserError e = assertThrows(UserError.class, () -> train(wider.withRun(wider.run()
                .withInit(first.last()))));
        assertTrue(e.getMessage().startsWith(first.last() + ": --init needs the model the options describe"),
                e.getMessage());
        assertThrows(UserError.class, () -> still.run().withStart(new Start.Resume(first.last()))
                .withInit(first.last()));
    }
}

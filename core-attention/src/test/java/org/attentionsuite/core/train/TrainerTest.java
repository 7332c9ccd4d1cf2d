package org.attentionsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.RealText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    /** Trains {@code run} with {@code trainer} on one thread. */
    static TrainingRun train(Trainer trainer, TrainingRun run, DataSource data) {
        try (Replicas replicas = Workers.threads(1).open(run.model(), 1)) {
            return trainer.train(run, data, replicas);
        }
    }

    static final ModelConfig TINY = ModelConfig.of(256, 32, 2, 2, 64, 32);
    static final ModelConfig SMALL = ModelConfig.of(256, 64, 4, 2, 128, 32);
    static final Checkpoint.RunRecord RECORD = new Checkpoint.RunRecord(new TokenScheme.Plain(256), "test", null);

    static SequenceCorpus corpus(int batch) {
        int[] text = RealText.tokens();
        int[] head = Arrays.copyOf(text, 160); // a short real sequence to memorise
        return new SequenceCorpus(List.of(head), List.of(head), batch, 32, 32);
    }

    static final class Recorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();

        @Override
        public void onStep(TrainingRun run, StepReport r) {
            losses.add(r.loss());
        }
    }

    @Test
    void tinyModelOverfitsAShortRealSequence() {
        DecoderModel model = new DecoderModel(SMALL, Precision.FLOAT32, 1);
        TrainConfig c = TrainConfig.of(500, new LearningRateSchedule.Cosine(1e-2, 20, 500, 1e-3), 7)
                .withEvalEvery(0);
        TrainingRun run = new TrainingRun(model, c, "raven");
        double initial = Workers.threads(1).evaluate(model, corpus(8).validationBatches());
        train(new Trainer(), run, corpus(8));
        // ln(256) = 5.55 nats at start; memorising 160 characters must get far below 0.5 nats.
        assertTrue(initial > 5.0, "initial loss " + initial);
        assertTrue(run.lastValidationLoss() < 0.5, "final loss " + run.lastValidationLoss());
    }

    @Test
    void resumedTrainingEqualsUninterruptedTraining(@TempDir Path dir) {
        TrainConfig c = TrainConfig.of(12, new LearningRateSchedule.Noam(32, 4, 1.0), 3)
                .withEvalEvery(6);
        Recorder whole = new Recorder();
        train(new Trainer().listen(whole), new TrainingRun(new DecoderModel(TINY
                .withDropout(0.1), Precision.FLOAT32, 5),
                c, "raven"), corpus(4));

        Recorder first = new Recorder();
        TrainingRun part = new TrainingRun(new DecoderModel(TINY.withDropout(0.1), Precision.FLOAT32, 5),
                c.withSteps(6), "raven");
        train(new Trainer().listen(first), part, corpus(4));
        Path ckpt = dir.resolve("half.ckpt");
        TrainingCheckpoint.save(part, ckpt, RECORD);
        TrainingRun resumed = TrainingCheckpoint.continueRun(Checkpoint.load(ckpt, Precision.FLOAT32), c);
        Recorder second = new Recorder();
        train(new Trainer().listen(second), resumed, corpus(4));

        List<Double> joined = new ArrayList<>(first.losses);
        joined.addAll(second.losses);
        assertEquals(12, joined.size());
        assertArrayEquals(whole.losses.stream().mapToDouble(Double::doubleValue).toArray(),
                joined.stream().mapToDouble(Double::doubleValue).toArray(), 0.0, "resume must be bit-for-bit");
    }

    @Test
    void divergenceStopsWithClearMessageAndKeepsLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        DecoderModel model = new DecoderModel(TINY, Precision.FLOAT32, 1);
        TrainConfig c = TrainConfig.of(40, new LearningRateSchedule.Constant(1e-3), 1).withEvalEvery(5);
        TrainingRun run = new TrainingRun(model, c, "raven");
        CheckpointListener ckpt = new CheckpointListener(dir, RECORD);
        // Poison the weights after step 10 so that step 11 yields a non-finite loss.
        TrainingListener poison = new TrainingListener() {
            @Override
            public void onStep(TrainingRun r, StepReport s) {
                if (s.step() == 10) {
                    r.model().params().values().set(0, Double.NaN);
                    r.model().params().values().set(r.model().parameterCount() - 1, Double.NaN);
                }
            }
        };
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(new Trainer().listen(ckpt).listen(poison), run, corpus(4)));
        assertTrue(e.getMessage().contains("diverged at step"), e.getMessage());
        // Step 10's evaluation sees the broken weights and stops the run before anything is saved:
        // the last checkpoint on disk is step 5's, and it loads with finite weights.
        assertEquals(10, e.step());
        assertTrue(Files.exists(ckpt.last()));
        Checkpoint.Loaded good = Checkpoint.load(ckpt.last(), Precision.FLOAT32);
        assertEquals(5, good.step());
        double v = Workers.threads(1).evaluate(good.model(), corpus(4).validationBatches());
        assertTrue(Double.isFinite(v));
    }

    @Test
    void anAbsurdLossIsDivergenceAndNothingIsSavedFromThatModel(@TempDir Path dir) {
        // lr 1e9 does not make the loss NaN at once: it explodes to huge finite values, which
        // used to be trained on and saved as last.ckpt and best.ckpt.
        DecoderModel model = new DecoderModel(TINY, Precision.FLOAT32, 1);
        TrainConfig c = TrainConfig.of(40, new LearningRateSchedule.Constant(1e9), 1).withEvalEvery(1);
        List<Double> validations = new ArrayList<>();
        TrainingListener seen = new TrainingListener() {
            @Override
            public void onEvaluation(TrainingRun r, EvalReport e) {
                validations.add(e.loss());
            }
        };
        CheckpointListener ckpt = new CheckpointListener(dir, RECORD);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(new Trainer().listen(seen).listen(ckpt), new TrainingRun(model, c, "raven"), corpus(4)));
        double limit = Trainer.absurdLoss(256);
        assertEquals(4 * Math.log(256), limit, 1e-12);
        assertTrue(e.getMessage().contains("diverged at step"), e.getMessage());
        for (double v : validations) {
            assertTrue(v <= limit, "a listener saw validation loss " + v);
        }
        if (Files.exists(ckpt.best())) {
            Checkpoint.Loaded best = Checkpoint.load(ckpt.best(), Precision.FLOAT32);
            assertTrue(best.bestValidationLoss() <= limit, "best.ckpt holds loss " + best.bestValidationLoss());
        }
    }

    @Test
    void earlyStoppingEndsAfterPatienceEvaluationsWithoutImprovement() {
        DecoderModel model = new DecoderModel(TINY, Precision.FLOAT32, 1);
        // a rate of ~0 never improves after the first evaluation
        TrainConfig c = TrainConfig.of(100, new LearningRateSchedule.Constant(1e-30), 1)
                .withEvalEvery(2);
        TrainingRun run = new TrainingRun(model, c, "raven");
        EarlyStopping early = new EarlyStopping(3);
        train(new Trainer().listen(early), run, corpus(2));
        assertTrue(early.stopped());
        assertEquals(8, run.step(), "first evaluation at step 2 sets the best; 3 more without improvement");
        assertEquals(3, run.evaluationsWithoutImprovement());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        LearningRateSchedule.Noam noam = new LearningRateSchedule.Noam(512, 4000, 1.0);
        assertEquals(Math.pow(512, -0.5) * 100 * Math.pow(4000, -1.5), noam.rate(100), 1e-15);
        assertEquals(Math.pow(512, -0.5) / Math.sqrt(10000), noam.rate(10000), 1e-15);
        LearningRateSchedule.Cosine cos = new LearningRateSchedule.Cosine(1.0, 10, 110, 0.0);
        assertEquals(0.5, cos.rate(5), 1e-12);
        assertEquals(1.0, cos.rate(10), 1e-12);
        assertEquals(0.5, cos.rate(60), 1e-12);
        assertEquals(0.0, cos.rate(110), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.Constant(0));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.of(0, new LearningRateSchedule.Constant(1), 1));
    }
}

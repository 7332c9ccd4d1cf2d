package org.attentionsuite.core.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.testing.RealText;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.SequenceCorpus;
import org.attentionsuite.core.train.StepReport;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-parallel training gives the same bits whatever the number of workers: the same losses, the
 * same weights (by their SHA-256), and a run resumed on another number of workers continues
 * exactly. The gradient it computes is the whole batch's gradient (checked in float64).
 */
public class WorkersTest {
    /** Dropout on, so the per-micro-batch dropout streams are part of what must not depend on N. */
    public static final ModelConfig CONFIG = ModelConfig.of(256, 32, 2, 2, 64, 32).withDropout(0.1);
    static final int BATCH = 6;                                  // not a power of two: uneven blocks

    public static SequenceCorpus corpus() {
        int[] text = RealText.tokens();
        int split = text.length * 4 / 5;
        return new SequenceCorpus(List.of(Arrays.copyOf(text, split)), List.of(Arrays.copyOfRange(text, split,
                text.length)), BATCH, 32, 32);
    }

    public static TrainConfig config(long steps) {
        return TrainConfig.of(steps, new LearningRateSchedule.Cosine(3e-3, 2, 12, 3e-4), 9)
                .withEvalEvery(4);
    }

    /** Losses of every step, of every evaluation, and the final weights' hash. */
    public record Trace(List<Double> steps, List<Double> evaluations, String weights) {
    }

    static Trace train(TrainingRun run, int workers) {
        return train(run, Workers.threads(workers));
    }

    /** Trains {@code run} to its last step on {@code workers}, recording what must not depend on them. */
    public static Trace train(TrainingRun run, Workers workers) {
        List<Double> steps = new ArrayList<>();
        List<Double> evaluations = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onStep(TrainingRun r, StepReport s) {
                steps.add(s.loss());
            }

            @Override
            public void onEvaluation(TrainingRun r, EvalReport e) {
                evaluations.add(e.loss());
            }
        };
        try (Replicas replicas = workers.open(run.model(), 1)) {
            new Trainer().listen(record).train(run, corpus(), replicas);
        }
        return new Trace(steps, evaluations, run.model().params().sha256());
    }

    public static TrainingRun fresh(long steps) {
        return new TrainingRun(new DecoderModel(CONFIG, Precision.FLOAT32, 4), config(steps), "text");
    }

    @Test
    void lossesAndWeightsAreTheSameBitsOnOneTwoThreeOrFourWorkers() {
        Trace one = train(fresh(12), 1);
        assertEquals(List.of(12, 3), List.of(one.steps().size(), one.evaluations().size()));
        for (int workers = 2; workers <= 4; workers++) {
            assertEquals(one, train(fresh(12), workers), workers + " workers");
        }
    }

    @Test
    void aRunResumedOnAnotherNumberOfWorkersContinuesExactly(@TempDir Path dir) {
        Trace whole = train(fresh(12), 2);
        TrainingRun half = fresh(6);
        Trace first = train(half, 1);
        Path ckpt = dir.resolve("half.ckpt");
        TrainingCheckpoint.save(half, ckpt, new Checkpoint.RunRecord(new TokenScheme.Plain(256), "test", null));
        TrainingRun resumed = TrainingCheckpoint.continueRun(Checkpoint.load(ckpt, Precision.FLOAT32), config(12));
        Trace second = train(resumed, 3);
        List<Double> joined = new ArrayList<>(first.steps());
        joined.addAll(second.steps());
        assertEquals(whole.steps(), joined);
        assertEquals(whole.evaluations().subList(1, 3), second.evaluations(), "steps 8 and 12");
        assertEquals(whole.weights(), second.weights());
    }

    @Test
    void theSummedGradientIsTheWholeBatchsGradient() {
        ModelConfig config = CONFIG.withDropout(0);
        DecoderModel model = new DecoderModel(config, Precision.FLOAT64, 2);
        Batch batch = corpus().trainBatch(new java.util.Random(3));
        model.params().zeroGrads();
        double whole = model.forward(batch, true);
        model.backward();
        double[] expected = grads(model);
        for (int workers : new int[] {1, 3}) {
            try (Replicas replicas = Workers.threads(workers).open(model, 1)) {
                double loss = replicas.gradients(batch, 0);
                assertEquals(whole, loss, 1e-12 * whole);
                double[] got = grads(model);
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - expected[i]) / (1e-8 + Math.abs(expected[i])));
                }
                assertTrue(worst < 1e-9, "largest relative difference " + worst + " on " + workers + " workers");
            }
        }
    }

    @Test
    void theUtilisationAccountsEveryWorkersComputingWithinTheParallelPhases() {
        DecoderModel model = new DecoderModel(CONFIG, Precision.FLOAT32, 2);
        Batch batch = corpus().trainBatch(new java.util.Random(3));
        try (Replicas replicas = Workers.threads(3).open(model, 1)) {
            Replicas.Utilisation before = replicas.utilisation().orElseThrow();
            assertEquals(3, before.busySeconds().length);
            assertEquals(0, before.parallelSeconds());
            for (int step = 0; step < 3; step++) {
                replicas.gradients(batch, step);
            }
            Replicas.Utilisation after = replicas.utilisation().orElseThrow();
            double total = 0;
            for (double busy : after.busySeconds()) {
                assertTrue(busy >= 0 && busy <= after.parallelSeconds(), busy + " s of " + after.parallelSeconds());
                total += busy;
            }
            assertTrue(total > 0, "the micro-batches' computing is counted");
        }
    }

    @Test
    void evaluationIsTheMeanOverAllCountedTargets() {
        DecoderModel model = new DecoderModel(CONFIG, Precision.FLOAT64, 2);
        List<Batch> batches = corpus().validationBatches();
        double total = 0;
        long counted = 0;
        for (Batch b : batches) {
            total += model.forward(b, false) * b.countedTargets();
            counted += b.countedTargets();
        }
        assertEquals(total / counted, Workers.threads(2).evaluate(model, batches), 1e-12);
    }

    @Test
    void aFailingMicroBatchFailsTheStepWithItsOwnException() {
        DecoderModel model = new DecoderModel(CONFIG, Precision.FLOAT32, 2);
        int l = 4;
        int[] ids = new int[3 * l];
        int[] targets = new int[3 * l];
        targets[2 * l + 1] = 999;                                          // outside the vocabulary
        Batch bad = new Batch(ids, targets, 3, l, null);
        try (Replicas replicas = Workers.threads(2).open(model, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replicas.gradients(bad, 0));
            assertTrue(e.getMessage().contains("999"), e.getMessage());
            Batch good = bad.slice(0, 2);
            assertTrue(Double.isFinite(replicas.gradients(good, 0)), "the replicas still work afterwards");
        }
    }

    static double[] grads(DecoderModel m) {
        Mat g = m.params().grads().mat(0, 1, m.params().size());
        return g.toArray();
    }
}

package org.attentionsuite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.app.cli.TrainCommandsTest;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.parallel.WorkersTest;
import org.attentionsuite.core.parallel.WorkersTest.Trace;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on Spark ({@code local[2]}: the driver's JVM as two executor cores, tasks serialized as on
 * a cluster) is the same bits as on threads: the same losses, evaluations and weights, and a run
 * started on one continues exactly on the other.
 */
class SparkWorkersTest {
    @Test
    void localSparkGivesTheSameBitsAsOneAndTwoThreads() {
        Trace spark = WorkersTest.train(WorkersTest.fresh(12), Workers.spark("local[2]"));
        assertEquals(List.of(12, 3), List.of(spark.steps().size(), spark.evaluations().size()));
        assertEquals(WorkersTest.train(WorkersTest.fresh(12), Workers.threads(1)), spark, "one thread");
        assertEquals(WorkersTest.train(WorkersTest.fresh(12), Workers.threads(2)), spark, "two threads");
    }

    @Test
    void aRunContinuesExactlyFromThreadsOnSparkAndFromSparkOnThreads(@TempDir Path dir) {
        Trace whole = WorkersTest.train(WorkersTest.fresh(12), Workers.threads(2));
        assertEquals(whole, halves(dir.resolve("a.ckpt"), Workers.threads(1), Workers.spark("local[2]")));
        assertEquals(whole, halves(dir.resolve("b.ckpt"), Workers.spark("local[2]"), Workers.threads(2)));
    }

    /** Six steps on {@code first}, a checkpoint, six more on {@code second}: the joined trace. */
    private static Trace halves(Path ckpt, Workers first, Workers second) {
        TrainingRun half = WorkersTest.fresh(6);
        Trace a = WorkersTest.train(half, first);
        TrainingCheckpoint.save(half, ckpt, new Checkpoint.RunRecord(new TokenScheme.Plain(256), "test", null));
        TrainingRun resumed = TrainingCheckpoint.continueRun(Checkpoint.load(ckpt, Precision.FLOAT32),
                WorkersTest.config(12));
        Trace b = WorkersTest.train(resumed, second);
        List<Double> steps = new ArrayList<>(a.steps());
        steps.addAll(b.steps());
        List<Double> evaluations = new ArrayList<>(a.evaluations().subList(0, 1));
        evaluations.addAll(b.evaluations());
        return new Trace(steps, evaluations, b.weights());
    }

    @Test
    void anUnreachableMasterStopsTheRunWithOneLineAndLeavesItsFolderAlone(@TempDir Path dir) throws Exception {
        List<String> args = List.of("music", "train", "--length", "32", "--d-model", "16", "--heads", "2",
                "--layers", "1", "--batch", "4", "--eval-every", "2", "--out", dir.toString());
        List<String> first = new ArrayList<>(args);
        first.addAll(List.of("--steps", "4"));
        assertEquals(0, TrainCommandsTest.run(first.toArray(new String[0])).code());
        String before = Checkpoint.load(dir.resolve("last.ckpt"), Precision.FLOAT32).model().params().sha256();
        String master;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            master = "spark://127.0.0.1:" + s.getLocalPort();                       // closed again below
        }
        List<String> more = new ArrayList<>(args);
        more.addAll(List.of("--steps", "8", "--resume", "--spark", master));
        TrainCommandsTest.Run r = TrainCommandsTest.run(more.toArray(new String[0]));
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of("error: --spark " + master + ": cannot reach the master (Connection refused)"),
                r.err().lines().filter(l -> l.startsWith("error")).toList(), r.err());
        Checkpoint.Loaded last = Checkpoint.load(dir.resolve("last.ckpt"), Precision.FLOAT32);
        assertEquals(4, last.step());
        assertEquals(before, last.model().params().sha256());
    }

    @Test
    void aFailingMicroBatchFailsTheStepWithItsOwnException() {
        DecoderModel model = new DecoderModel(WorkersTest.CONFIG, Precision.FLOAT32, 2);
        int l = 4;
        int[] targets = new int[3 * l];
        targets[2 * l + 1] = 999;                                          // outside the vocabulary
        Batch bad = new Batch(new int[3 * l], targets, 3, l, null);
        try (Replicas replicas = Workers.spark("local[2]").open(model, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replicas.gradients(bad, 0));
            assertTrue(e.getMessage().contains("999"), e.getMessage());
            assertTrue(Double.isFinite(replicas.gradients(bad.slice(0, 2), 0)), "the replicas still work afterwards");
        }
    }
}

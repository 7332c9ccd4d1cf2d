package org.attentionsuite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.attentionsuite.app.cli.TrainCommandsTest;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MetricsLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code music train --spark spark://…} on a real standalone cluster of two one-core workers on
 * 127.0.0.1 (child JVMs; their executors are JVMs of their own): executors that would compute with
 * other kernels are refused; a run in whose middle a worker is killed (Spark retries its tasks on
 * the other) is the same bits as the threaded run; a cluster whose last worker dies stops the run
 * with one line and keeps its last checkpoint. The training data is read by the driver only: it is
 * deleted in the middle of a run, and the run does not notice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static final String STEPS = "16";
    /** Seconds a run waits for an executor: long enough for one to start on a busy machine. */
    private static final int WAIT = 60;
    private static final List<String> PROPERTIES = List.of("spark.executor.extraClassPath",
            "spark.executor.extraJavaOptions", SparkSettings.EXECUTOR_WAIT);

    @TempDir
    static Path dir;
    static LocalCluster cluster;
    static Path data;
    static Checkpoint.Loaded threads;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        data = Files.createDirectories(dir.resolve("midi"));
        try (Stream<Path> songs = Files.list(Path.of("/usr/share/games/openttd/baseset/openmsx"))) {
            for (Path song : songs.filter(p -> p.toString().endsWith(".mid")).sorted().limit(6).toList()) {
                Files.copy(song, data.resolve(song.getFileName()));
            }
        }
        TrainCommandsTest.Run reference = train(data, "threads", "--workers", "2");
        assertEquals(0, reference.code(), reference.err());
        threads = Checkpoint.load(dir.resolve("threads/last.ckpt"), Precision.FLOAT32);
        String logConfig = System.getProperty("logback.configurationFile");
        cluster = new LocalCluster(dir.resolve("cluster"), 2, "1g", logConfig);
        System.setProperty("spark.executor.extraClassPath", cluster.executorClassPath());
        System.setProperty("spark.executor.extraJavaOptions", "-Dlogback.configurationFile=" + logConfig);
        System.setProperty(SparkSettings.EXECUTOR_WAIT, WAIT + "s");
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        PROPERTIES.forEach(System::clearProperty);
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * {@code music train} of a small model with dropout on {@code songs} into {@code dir/out}, on the
     * workers {@code where} says.
     */
    private static TrainCommandsTest.Run train(Path songs, String out, String... where) {
        List<String> args = new ArrayList<>(List.of("music", "train", "--data", songs.toString(), "--length", "32",
                "--d-model", "16", "--heads", "2", "--layers", "1", "--dropout", "0.1", "--batch", "8", "--steps",
                STEPS, "--eval-every", "4", "--seed", "3", "--out", dir.resolve(out).toString()));
        args.addAll(List.of(where));
        return TrainCommandsTest.run(args.toArray(new String[0]));
    }

    private static TrainCommandsTest.Run onCluster(Path songs, String out) {
        return train(songs, out, "--spark", cluster.masterUrl());
    }

    private static void assertSameRunAsThreads(String out) {
        Checkpoint.Loaded spark = Checkpoint.load(dir.resolve(out + "/last.ckpt"), Precision.FLOAT32);
        assertEquals(threads.step(), spark.step());
        assertEquals(threads.model().params().sha256(), spark.model().params().sha256(), "weights_sha256");
        assertEquals(losses(dir.resolve("threads")), losses(dir.resolve(out)), "training and validation losses");
    }

    private static List<Double> losses(Path run) {
        return MetricsLog.read(run.resolve(MetricsLog.FILE)).stream().map(MetricsLog.Entry::loss).toList();
    }

    @Test
    @Order(1)
    void executorsThatWouldComputeOtherBitsAreRefused() {
        String options = System.getProperty("spark.executor.extraJavaOptions");
        System.setProperty("spark.executor.extraJavaOptions", options + " -Dsuite.scalarKernels=true");
        try {
            TrainCommandsTest.Run r = onCluster(data, "scalar");
            assertEquals(2, r.code(), r.err());
            String error = "error: --spark " + cluster.masterUrl() + ": executor ";
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith(error)
                    && l.contains("computes with other kernels (scalar, ")), r.err());
        } finally {
            System.setProperty("spark.executor.extraJavaOptions", options);
        }
    }

    @Test
    @Order(2)
    void aWorkerKilledMidRunChangesNothingAndTheDataIsReadByTheDriverOnly() throws Exception {
        Path songs = Files.createDirectories(dir.resolve("driver-only"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.copy(f, songs.resolve(f.getFileName()));
            }
        }
        Path out = dir.resolve("killed");
        CompletableFuture<TrainCommandsTest.Run> run = CompletableFuture.supplyAsync(() -> onCluster(songs, "killed"));
        long step = awaitCheckpoint(out, run);
        deleteTree(songs);
        cluster.killWorker(0);
        TrainCommandsTest.Run r = run.get();
        assertTrue(step < Long.parseLong(STEPS), "killed at step " + step + ", before the end");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("workers: Spark " + cluster.masterUrl()), r.err());
        assertSameRunAsThreads("killed");
    }

    @Test
    @Order(3)
    void whenTheLastWorkerDiesTheRunStopsWithOneLineAndKeepsItsCheckpoint() throws Exception {
        Path out = dir.resolve("orphaned");
        CompletableFuture<TrainCommandsTest.Run> run = CompletableFuture.supplyAsync(() -> onCluster(data, "orphaned"));
        long step = awaitCheckpoint(out, run);
        cluster.killWorker(1);
        TrainCommandsTest.Run r = run.get();
        assertEquals(2, r.code(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(List.of("error: --spark " + cluster.masterUrl() + ": no executor left within " + WAIT
                + " s (is the master reachable, are its workers alive with free cores and memory?); the run folder "
                + "keeps its last checkpoint (--resume continues it)"), errors);
        assertTrue(r.err().lines().noneMatch(l -> l.contains("UserError")), "no stack trace of it: " + r.err());
        Checkpoint.Loaded last = Checkpoint.load(out.resolve("last.ckpt"), Precision.FLOAT32);
        assertTrue(last.step() >= step && last.step() < Long.parseLong(STEPS), "last.ckpt at step " + last.step());
    }

    /** Waits until {@code out} holds a first checkpoint of the running {@code run}; returns its step. */
    private static long awaitCheckpoint(Path out, CompletableFuture<TrainCommandsTest.Run> run) throws InterruptedException {
        Path last = out.resolve("last.ckpt");
        while (!Files.exists(last)) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before its first checkpoint: " + run.join().err());
            }
            Thread.sleep(20);
        }
        return Checkpoint.load(last, Precision.FLOAT32).step();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

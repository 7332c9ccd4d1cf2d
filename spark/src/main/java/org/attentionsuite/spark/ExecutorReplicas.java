package org.attentionsuite.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.broadcast.Broadcast;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.GradientTree;
import org.attentionsuite.core.parallel.StepWork;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.KernelPaths;

/**
 * What the tasks run on an executor: the replicas of this executor JVM, kept from task to task and
 * step to step (one per task running at once, per model), and the two kinds of task, a block of a
 * training step's micro-batches and a range of sequences to score. Each replica loads a step's
 * weights once, the first time one of its tasks sees them; its matrix products run on one BLAS
 * thread, like the threads' workers.
 */
final class ExecutorReplicas {
    private static final Map<ModelKey, Deque<Replica>> FREE = new ConcurrentHashMap<>();

    private ExecutorReplicas() {
    }

    /** A model of this JVM with its gradient tree, and which weights it holds. */
    private static final class Replica {
        final DecoderModel model;
        final GradientTree tree;
        String weights = "";

        Replica(ModelKey key) {
            model = key.build();
            tree = new GradientTree(model.precision(), model.params().size());
        }
    }

    /**
     * Block {@code block} of {@code work} at {@code weights}: its tree-summed gradient and each
     * micro-batch's summed loss ({@link StepWork#computeBlock}).
     */
    static TaskResult block(ModelKey key, Broadcast<Weights> weights, StepWork work, int block, long dropoutSeed) {
        Replica r = take(key);
        try {
            long t0 = System.nanoTime();
            load(r, weights);
            long t1 = System.nanoTime();
            double[] lossSums = new double[work.micro().size()];
            work.computeBlock(r.model, r.tree, block, dropoutSeed, lossSums);
            int first = work.first(block);
            int end = work.first(block + 1);
            Values gradient = Values.of(r.tree.sum());
            double[] own = java.util.Arrays.copyOfRange(lossSums, first, end);
            return new TaskResult(first, gradient, own, KernelPaths.describe(), executor(), t1 - t0,
                    System.nanoTime() - t1);
        } finally {
            give(key, r);
        }
    }

    /** The summed losses of {@code items[first, end)} at {@code weights}, without dropout. */
    static TaskResult scores(ModelKey key, Broadcast<Weights> weights, List<Batch> items, int first, int end) {
        Replica r = take(key);
        try {
            long t0 = System.nanoTime();
            load(r, weights);
            long t1 = System.nanoTime();
            double[] lossSums = new double[end - first];
            for (int i = first; i < end; i++) {
                lossSums[i - first] = r.model.lossSum(items.get(i), false, 0);
            }
            return new TaskResult(first, null, lossSums, KernelPaths.describe(), executor(), t1 - t0,
                    System.nanoTime() - t1);
        } finally {
            give(key, r);
        }
    }

    private static void load(Replica r, Broadcast<Weights> weights) {
        Weights w = weights.value();
        if (!w.tag().equals(r.weights)) {
            w.values().into(r.model.params().values());
            r.weights = w.tag();
        }
    }

    private static Replica take(ModelKey key) {
        Deque<Replica> free = FREE.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (free) {
            if (!free.isEmpty()) {
                return free.pop();
            }
        }
        Blas.setCpuThreads(1);                         // process-wide: every task computes on one core
        return new Replica(key);
    }

    private static void give(ModelKey key, Replica r) {
        Deque<Replica> free = FREE.get(key);
        synchronized (free) {
            free.push(r);
        }
    }

    /** Forgets every replica (a driver computing in its own JVM, {@code local[N]}, when it closes). */
    static void clear() {
        FREE.clear();
    }

    private static String executor() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown host";
        }
        SparkEnv env = SparkEnv.get();
        return "executor " + (env == null ? "?" : env.executorId()) + " on " + host;
    }
}

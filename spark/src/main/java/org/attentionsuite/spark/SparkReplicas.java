package org.attentionsuite.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.GradientTree;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.StepWork;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.KernelPaths;
import org.attentionsuite.core.tensor.Storage;

/**
 * The driver's side of a Spark run: one Spark application for as long as the replicas are open.
 * Each training step broadcasts the weights (the step before's broadcast is destroyed) and runs one
 * job with one task per block of micro-batches ({@link StepWork}, {@link ExecutorReplicas#block});
 * the blocks' gradient sums come back in block order and are added by a {@link GradientTree}, so the
 * step's gradient is the same bits as on threads. Evaluation scores ranges of sequences the same way.
 *
 * <p>Spark retries the tasks of an executor that dies. A job that fails for good, or that waits
 * longer than {@link SparkSettings#EXECUTOR_WAIT} without any executor, stops the run with a
 * {@link UserError}; the run folder keeps its last checkpoint.
 */
final class SparkReplicas implements Replicas {
    private static final long POLL_MILLIS = 500;

    private final JavaSparkContext sc;
    private final String master;
    private final DecoderModel model;
    private final ModelKey key;
    private final int microBatch;
    private final GradientTree blocks;
    private final long waitMillis;
    private final String kernels = KernelPaths.describe();
    private final int blasThreadsBefore;
    private final StepTimes times = new StepTimes();
    private Broadcast<Weights> weights;
    private long broadcasts;

    private SparkReplicas(JavaSparkContext sc, DecoderModel model, int microBatch, long waitMillis) {
        this.sc = sc;
        this.master = sc.master();
        this.model = model;
        this.key = ModelKey.of(model);
        this.microBatch = microBatch;
        this.blocks = new GradientTree(model.precision(), model.params().size());
        this.waitMillis = waitMillis;
        this.blasThreadsBefore = Blas.setCpuThreads(1);        // local[N] computes in this JVM
    }

    /** Starts a Spark application with {@code conf} and waits for its first executor. */
    static SparkReplicas start(SparkConf conf, DecoderModel model, int microBatch) {
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new UserError("--spark " + conf.get("spark.master", "") + ": Spark could not start ("
                    + firstLine(e) + ")", e);
        }
        SparkReplicas r = new SparkReplicas(sc, model, microBatch, SparkSettings.executorWaitMillis(conf));
        try {
            r.awaitExecutor("to join");
            return r;
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    @Override
    public double gradients(Batch batch, long dropoutSeed) {
        StepWork work = StepWork.of(batch, microBatch, sc.defaultParallelism());
        long t0 = System.nanoTime();
        Broadcast<Weights> w = broadcastWeights();
        long t1 = System.nanoTime();
        ModelKey k = key;
        JavaRDD<Integer> ids = sc.parallelize(IntStream.range(0, work.blocks()).boxed().toList(), work.blocks());
        List<TaskResult> results = collect(ids.map(b -> ExecutorReplicas.block(k, w, work, b, dropoutSeed)));
        long t2 = System.nanoTime();
        blocks.clear();
        double[] lossSums = new double[work.micro().size()];
        for (int b = 0; b < results.size(); b++) {
            TaskResult r = results.get(b);
            if (r.first() != work.first(b)) {
                throw new IllegalStateException("block " + b + " came back as the block from micro-batch " + r.first());
            }
            Storage node = blocks.next();
            r.gradient().into(node);
            blocks.push(node, work.first(b + 1) - work.first(b));
            System.arraycopy(r.lossSums(), 0, lossSums, r.first(), r.lossSums().length);
        }
        int size = model.params().size();
        model.params().grads().mat(0, 1, size).copyFrom(blocks.sum().mat(0, 1, size));
        times.add(t1 - t0, t2 - t1, System.nanoTime() - t2, results);
        return work.meanLoss(lossSums);
    }

    /** Decoding stays on the driver: the tasks run one after another on the driver's model. */
    @Override
    public void forEach(int tasks, Task task) {
        for (int i = 0; i < tasks; i++) {
            task.run(model, i);
        }
    }

    @Override
    public double evaluate(List<Batch> batches) {
        List<Batch> items = StepWork.sequences(batches);
        if (items.isEmpty()) {
            return StepWork.meanOver(items, new double[0]);
        }
        int parts = Math.min(items.size(), sc.defaultParallelism());
        Broadcast<Weights> w = broadcastWeights();
        ModelKey k = key;
        int n = items.size();
        JavaRDD<Integer> ids = sc.parallelize(IntStream.range(0, parts).boxed().toList(), parts);
        List<TaskResult> results = collect(ids.map(p -> ExecutorReplicas.scores(k, w, items,
                (int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts))));
        double[] lossSums = new double[n];
        for (TaskResult r : results) {
            System.arraycopy(r.lossSums(), 0, lossSums, r.first(), r.lossSums().length);
        }
        return StepWork.meanOver(items, lossSums);
    }

    /** Where this run's steps spent their time so far. */
    StepTimes times() {
        return times;
    }

    /** Broadcasts the model's current weights, destroying the previous broadcast. */
    private Broadcast<Weights> broadcastWeights() {
        if (weights != null) {
            weights.destroy();
        }
        String tag = sc.sc().applicationId() + "/" + ++broadcasts;
        weights = sc.broadcast(new Weights(tag, Values.of(model.params().values())));
        return weights;
    }

    /**
     * Runs {@code rdd}'s job and returns its elements in partition order, after checking that every
     * task ran the driver's kernels. Waits while no executor is left for at most the executor wait.
     */
    private List<TaskResult> collect(JavaRDD<TaskResult> rdd) {
        JavaFutureAction<List<TaskResult>> job = rdd.collectAsync();
        long lonelySince = -1;
        while (true) {
            try {
                List<TaskResult> results = job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                for (TaskResult r : results) {
                    checkKernels(r);
                }
                return results;
            } catch (TimeoutException e) {
                if (executors() > 0) {
                    lonelySince = -1;
                } else if (lonelySince < 0) {
                    lonelySince = System.nanoTime();
                } else if (System.nanoTime() - lonelySince > waitMillis * 1_000_000L) {
                    job.cancel(true);
                    throw noExecutor("left");
                }
            } catch (InterruptedException e) {
                job.cancel(true);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the Spark job ran", e);
            } catch (ExecutionException e) {
                throw failure(e.getCause());
            }
        }
    }

    /** The exception a failed job stops the run with: the task's own when it threw one, else the job's. */
    private RuntimeException failure(Throwable t) {
        Throwable cause = t instanceof SparkException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof RuntimeException re && !(cause instanceof SparkException)) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new UserError("--spark " + master + ": the Spark job failed: " + firstLine(t), t);
    }

    private void checkKernels(TaskResult r) {
        if (!r.kernels().equals(kernels)) {
            throw new UserError("--spark " + master + ": " + r.executor() + " computes with other kernels ("
                    + r.kernels() + ") than the driver (" + kernels + "), so the run would not be the same bits; give "
                    + "every machine the same CPU kind, --add-modules jdk.incubator.vector and the driver's "
                    + "OPENBLAS_CORETYPE (README: Running on a cluster)");
        }
    }

    /** Waits until an executor is there; {@code what} says for what in the error. */
    private void awaitExecutor(String what) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (executors() == 0) {
            if (sc.sc().isStopped()) {
                throw new UserError("--spark " + master + ": the Spark application stopped before an executor "
                        + "joined (is the master reachable, and does it accept the application?)");
            }
            if (System.nanoTime() > deadline) {
                throw noExecutor(what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }

    private UserError noExecutor(String what) {
        return new UserError(String.format(Locale.ROOT, "--spark %s: no executor %s within %d s (is the master "
                + "reachable, are its workers alive with free cores and memory?); the run folder keeps its last "
                + "checkpoint (--resume continues it)", master, what, waitMillis / 1000));
    }

    /** Executors that can run tasks: the driver itself in local mode, else the registered ones. */
    private int executors() {
        if (sc.isLocal()) {
            return 1;
        }
        return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);       // without the driver
    }

    @Override
    public void close() {
        try {
            if (weights != null) {
                weights.destroy();
            }
            String summary = times.summary();
            if (!summary.isEmpty()) {
                System.err.println("spark: " + summary);
            }
        } finally {
            sc.stop();
            ExecutorReplicas.clear();
            Blas.setCpuThreads(blasThreadsBefore);
        }
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}

package org.attentionsuite.core.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionsuite.core.Rethrow;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.tensor.Blas;

/**
 * {@link Workers} as threads of this process: one replica per thread (sharing the model's weights,
 * with gradients and activations of its own), matrix products on one BLAS thread each. Blocks of
 * micro-batches go to whichever thread is free; each block's gradient sum has its own
 * {@link GradientTree}, and the blocks are added on the caller's thread in index order.
 */
final class ThreadWorkers implements Workers {
    private final int count;

    ThreadWorkers(int count) {
        if (count < 1) {
            throw new UserError("--workers (" + count + ") must be at least 1");
        }
        this.count = count;
    }

    @Override
    public Replicas open(DecoderModel model, int microBatch) {
        if (microBatch < 1) {
            throw new UserError("--micro-batch (" + microBatch + ") must be at least 1");
        }
        return new Open(model, count, microBatch);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public String describe() {
        return count == 1 ? "1 thread" : count + " threads";
    }

    private static final class Open implements Replicas {
        private final DecoderModel model;
        private final int microBatch;
        private final List<DecoderModel> replicas = new ArrayList<>();
        private final List<GradientTree> blockTrees = new ArrayList<>();
        private final GradientTree blocks;
        private final ExecutorService pool;
        private final int blasThreadsBefore;
        private final long[] busyNanos;                                    // per worker, written by that worker only
        private long parallelNanos;

        Open(DecoderModel model, int workers, int microBatch) {
            this.model = model;
            this.microBatch = microBatch;
            for (int w = 0; w < workers; w++) {
                replicas.add(model.replica());
            }
            int size = model.params().size();
            blocks = new GradientTree(model.precision(), size);
            AtomicInteger ids = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "suite-worker-" + ids.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            blasThreadsBefore = Blas.setCpuThreads(1);
            busyNanos = new long[workers];
        }

        @Override
        public double gradients(Batch batch, long dropoutSeed) {
            StepWork work = StepWork.of(batch, microBatch, replicas.size());
            int n = work.blocks();
            while (blockTrees.size() < n) {
                blockTrees.add(new GradientTree(model.precision(), model.params().size()));
            }
            double[] lossSums = new double[work.micro().size()];
            long t0 = System.nanoTime();
            onEveryWorker(n, (w, b) -> {
                long start = System.nanoTime();
                work.computeBlock(replicas.get(w), blockTrees.get(b), b, dropoutSeed, lossSums);
                busyNanos[w] += System.nanoTime() - start;
            });
            parallelNanos += System.nanoTime() - t0;
            blocks.clear();
            for (int b = 0; b < n; b++) {
                blocks.pushCopy(blockTrees.get(b).sum(), work.first(b + 1) - work.first(b));
            }
            model.params().grads().mat(0, 1, model.params().size())
                    .copyFrom(blocks.sum().mat(0, 1, model.params().size()));
            return work.meanLoss(lossSums);
        }

        @Override
        public Optional<Utilisation> utilisation() {
            double[] busy = new double[busyNanos.length];
            for (int w = 0; w < busy.length; w++) {
                busy[w] = busyNanos[w] / 1e9;
            }
            return Optional.of(new Utilisation(busy, parallelNanos / 1e9));
        }

        @Override
        public double evaluate(List<Batch> batches) {
            List<Batch> items = StepWork.sequences(batches);
            double[] lossSums = new double[items.size()];
            onEveryWorker(items.size(), (w, i) -> lossSums[i] = replicas.get(w).lossSum(items.get(i), false, 0));
            return StepWork.meanOver(items, lossSums);
        }

        @Override
        public void forEach(int tasks, Task task) {
            onEveryWorker(tasks, (w, i) -> task.run(replicas.get(w), i));
        }

        /**
         * Runs {@code task(w, i)} for every {@code i < tasks}, worker {@code w} taking the next free
         * index; returns when every worker has stopped, rethrowing the first failure.
         */
        private void onEveryWorker(int tasks, IndexedTask task) {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < Math.min(replicas.size(), tasks); w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                        task.run(worker, i);
                    }
                }));
            }
            Throwable failure = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running.forEach(r -> r.cancel(true));
                    throw new IllegalStateException("interrupted while the workers ran", e);
                } catch (ExecutionException e) {
                    next.set(tasks);                                       // the others stop after their current task
                    failure = failure == null ? e.getCause() : failure;
                }
            }
            if (failure != null) {
                throw Rethrow.unchecked(failure);
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
            Blas.setCpuThreads(blasThreadsBefore);
        }
    }

    @FunctionalInterface
    private interface IndexedTask {
        void run(int worker, int index);
    }
}

package org.attentionsuite.core.parallel;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;

/**
 * Replicas of one model on a set of {@link Workers}, opened for as long as a run trains or scores.
 * The model's weights must not change while a call runs; between calls they may (Adam).
 */
public interface Replicas extends AutoCloseable {
    /**
     * Replaces the model's gradients with {@code d(mean loss)/dθ} of {@code batch} and returns that
     * mean loss in nats per counted target. Micro-batch {@code m} draws its dropout masks from
     * {@code Seeds.mix(dropoutSeed, m)}.
     */
    double gradients(Batch batch, long dropoutSeed);

    /** Mean loss in nats per counted target over {@code batches} (no dropout); NaN when nothing is counted. */
    double evaluate(List<Batch> batches);

    /**
     * Runs {@code task.run(replica, i)} for every {@code i < tasks} on replicas in this process,
     * each replica used by one task at a time (decoding: each task samples its own sequences);
     * returns when all are done, rethrowing the first failure.
     */
    void forEach(int tasks, Task task);

    /**
     * How the workers have spent the {@link #gradients} calls since opening, where they run in this
     * process (empty otherwise): what shows why a step on {@code n} workers takes more than
     * {@code 1/n} of a step on one.
     */
    default Optional<Utilisation> utilisation() {
        return Optional.empty();
    }

    /**
     * @param busySeconds     per worker, the seconds it spent computing micro-batches
     * @param parallelSeconds the wall seconds from handing out the blocks until the last worker was done
     */
    record Utilisation(double[] busySeconds, double parallelSeconds) {
        public Utilisation {
            busySeconds = busySeconds.clone();
        }

        @Override
        public double[] busySeconds() {
            return busySeconds.clone();
        }

        /** What the workers spent per step from {@code before} (same replicas) to this, over {@code steps} steps. */
        public Utilisation perStepSince(Utilisation before, int steps) {
            double[] busy = new double[busySeconds.length];
            for (int w = 0; w < busy.length; w++) {
                busy[w] = (busySeconds[w] - before.busySeconds[w]) / steps;
            }
            return new Utilisation(busy, (parallelSeconds - before.parallelSeconds) / steps);
        }

        /** The share of the parallel phases the workers spent waiting, on average (for the last one to finish). */
        public double idle() {
            return parallelSeconds == 0 ? 0
                    : 1 - Arrays.stream(busySeconds).average().orElse(parallelSeconds) / parallelSeconds;
        }
    }

    /** Work on one replica of the model. */
    @FunctionalInterface
    interface Task {
        void run(DecoderModel replica, int index);
    }

    @Override
    void close();
}

package org.attentionsuite.core.parallel;

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
    }

    /** Work on one replica of the model. */
    @FunctionalInterface
    interface Task {
        void run(DecoderModel replica, int index);
    }

    @Override
    void close();
}

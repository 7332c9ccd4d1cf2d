package org.attentionsuite.core.parallel;

import java.util.List;
import org.attentionsuite.core.model.Batch;

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

    @Override
    void close();
}

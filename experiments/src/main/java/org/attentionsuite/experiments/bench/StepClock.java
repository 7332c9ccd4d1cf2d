package org.attentionsuite.experiments.bench;

import java.util.Optional;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.train.Adam;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingSession;

/**
 * Times training steps of one model on one fixed batch as a training step runs them: the gradient
 * on the model's replicas (forward with the loss and backward of every micro-batch, then the fixed
 * gradient sum), and an Adam update at a small constant rate.
 */
public final class StepClock implements AutoCloseable {
    private static final double RATE = 1e-4;

    private final DecoderModel model;
    private final Batch batch;
    private final Replicas replicas;
    private final Adam adam;
    private final TrainConfig config;
    private long steps;

    /** A clock for {@code model} on {@code batch}, computing on {@code workers} as training does. */
    public StepClock(DecoderModel model, Batch batch, long seed, Workers workers) {
        this.model = model;
        this.batch = batch;
        this.replicas = workers.open(model, TrainingSession.MICRO_BATCH);
        this.adam = new Adam(model.params());
        this.config = TrainConfig.of(1, new LearningRateSchedule.Constant(RATE), seed);
    }

    /** Runs one step; returns its {gradient, optimizer} wall times in seconds. */
    public double[] step() {
        long t0 = System.nanoTime();
        replicas.gradients(batch, steps);
        long t1 = System.nanoTime();
        adam.update(config, ++steps, RATE, adam.gradientNorm());
        long t2 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9};
    }

    /** How the workers have spent the steps so far ({@link Replicas#utilisation()}). */
    public Optional<Replicas.Utilisation> utilisation() {
        return replicas.utilisation();
    }

    @Override
    public void close() {
        replicas.close();
    }

    /** The model being stepped. */
    public DecoderModel model() {
        return model;
    }
}

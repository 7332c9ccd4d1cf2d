package org.attentionsuite.experiments.bench;

import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.train.Adam;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;

/**
 * Times training steps of one model on one fixed batch: forward with the loss, backward, and an
 * Adam update at a small constant rate, as a training step does.
 */
public final class StepClock {
    private static final double RATE = 1e-4;

    private final DecoderModel model;
    private final Batch batch;
    private final Adam adam;
    private final TrainConfig config;
    private long steps;

    public StepClock(DecoderModel model, Batch batch, long seed) {
        this.model = model;
        this.batch = batch;
        this.adam = new Adam(model.params());
        this.config = TrainConfig.of(1, new LearningRateSchedule.Constant(RATE), seed);
    }

    /** Runs one step; returns its {forward, backward, optimizer} wall times in seconds. */
    public double[] step() {
        long t0 = System.nanoTime();
        model.params().zeroGrads();
        model.forward(batch, true);
        long t1 = System.nanoTime();
        model.backward();
        long t2 = System.nanoTime();
        adam.update(config, ++steps, RATE, adam.gradientNorm());
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
    }

    /** The model being stepped. */
    public DecoderModel model() {
        return model;
    }
}

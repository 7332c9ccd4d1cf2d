package org.attentionsuite.core.train;

import org.attentionsuite.core.checkpoint.JsonTypes;

/**
 * The logical type names of the learning-rate schedules in checkpoints (found through
 * {@code META-INF/services}, like every module's types).
 */
public final class TrainJsonTypes implements JsonTypes.Provider {
    @Override
    public void register(JsonTypes.Registry r) {
        r.add(LearningRateSchedule.class, "noam", LearningRateSchedule.Noam.class);
        r.add(LearningRateSchedule.class, "cosine", LearningRateSchedule.Cosine.class);
        r.add(LearningRateSchedule.class, "constant", LearningRateSchedule.Constant.class);
    }
}

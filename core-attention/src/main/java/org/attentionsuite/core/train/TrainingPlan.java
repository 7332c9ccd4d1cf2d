package org.attentionsuite.core.train;

import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;

/**
 * What a domain's training options say about a run, in the terms the {@link TrainingSession}
 * needs; {@code ImageTrainingOptions} and {@code MusicTrainingOptions} are plans.
 */
public interface TrainingPlan {
    /** What the token ids mean; a checkpoint must have the same scheme to be resumed. */
    TokenScheme tokens();

    /** The architecture of a fresh model. */
    ModelConfig modelConfig();

    /** Steps, batch, rate, warm-up, evaluation interval, patience and seed. */
    TrainingOptions training();

    /** Where the run goes and what its checkpoints record. */
    RunOptions run();
}

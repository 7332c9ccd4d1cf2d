package org.attentionsuite.core.train;

/** Behaviour attached to the training loop: progress, evaluation logging, checkpoints. */
public interface TrainingListener {
    default void onStep(TrainingRun run, StepReport report) {
    }

    default void onEvaluation(TrainingRun run, EvalReport report) {
    }

    default void onEnd(TrainingRun run) {
    }
}

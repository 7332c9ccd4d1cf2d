package org.attentionsuite.core.train;

/**
 * A validation result.
 *
 * @param step          step after which it was measured
 * @param loss          mean validation loss, nats per target
 * @param bestLoss      best validation loss so far (including this one)
 * @param improved      whether this evaluation set a new best
 * @param elapsedSeconds wall time since the run (or resumed run) started
 */
public record EvalReport(long step, double loss, double bestLoss, boolean improved, double elapsedSeconds) {
}

package org.attentionsuite.core.train;

/**
 * What one optimizer step did.
 *
 * @param step        1-based step just completed
 * @param totalSteps  steps of the whole run
 * @param loss        training loss of the step (nats per target)
 * @param learningRate rate used
 * @param gradNorm    global gradient norm before clipping
 * @param tokens      targets in the batch
 * @param seconds     wall time of the step
 */
public record StepReport(long step, long totalSteps, double loss, double learningRate, double gradNorm,
        long tokens, double seconds) {
}

package org.attentionsuite.spark;

import java.io.Serializable;

/**
 * What one task sends back to the driver.
 *
 * @param first        index of the task's first micro-batch (training) or sequence (evaluation)
 * @param gradient     the tree sum of the block's gradients; null for evaluation
 * @param lossSums     summed loss of each of the task's micro-batches or sequences, in order
 * @param kernels      {@link org.attentionsuite.core.tensor.KernelPaths} of the executor
 * @param executor     the executor's id and host, for messages
 * @param loadNanos    time the task took to get the step's weights into its replica
 * @param computeNanos time of the forward and backward passes (and copying the result out)
 */
record TaskResult(int first, Values gradient, double[] lossSums, String kernels, String executor, long loadNanos,
        long computeNanos) implements Serializable {
}

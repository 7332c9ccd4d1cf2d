package org.attentionsuite.core.train;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.GradientTree;
import org.attentionsuite.core.tensor.Precision;

/**
 * The memory a training configuration needs, estimated from its sizes before anything is
 * allocated, so an impossible run stops with one line instead of an internal error or an
 * out-of-memory crash hours later.
 *
 * <p>Each worker's replica computes one micro-batch at a time: per row of it ({@code N = b·L}
 * rows for micro-batches of {@code b} sequences) each block keeps about {@code 17·D + 3·F}
 * activations and gradients (see {@code BlockBuffers}), the model {@code (layers + 5)·D + 2·V}
 * (residual stream, logits and their gradient); each layer's attention keeps
 * {@link org.attentionsuite.core.attention.AttentionSpec#analyticElements}. Parameters take four
 * copies (weights, gradients, two Adam moments) and the gradient sums their buffers
 * ({@link GradientTree#buffersNeeded}). The batch's token ids take 16 bytes per token (inputs
 * and targets, and their micro-batch copies). The largest single buffer must also stay below
 * {@code 2³¹} elements.
 *
 * @param totalBytes    everything above, in bytes
 * @param activationBytes activations and their gradients, and the batch's token ids
 * @param attentionBytes the attention variant's own arrays, all layers
 * @param parameterBytes weights, gradients and optimizer moments
 * @param largestBuffer elements of the largest single buffer
 */
public record MemoryEstimate(long totalBytes, long activationBytes, long attentionBytes, long parameterBytes,
        long largestBuffer) {

    /**
     * The estimate for training {@code config} on batches of {@code batch} sequences of its maximum
     * length, in micro-batches of {@code microBatch} sequences, on {@code workers} replicas.
     */
    public static MemoryEstimate training(ModelConfig config, int batch, int microBatch, int workers,
            Precision precision) {
        long b = precision.bytes();
        long d = config.dModel();
        long f = config.ffnDim();
        long v = config.vocabSize();
        long l = config.maxLength();
        int micro = Math.min(batch, microBatch);
        int leaves = (batch + micro - 1) / micro;
        long replicas = Math.min(workers, leaves);
        long rows = (long) micro * l;
        long perRow = config.layers() * (17 * d + 3 * f) + (config.layers() + 5L) * d + 2 * v;
        long activations = sat(replicas, sat(rows, perRow));
        long attentionPerReplica = config.attention().analyticElements(micro, config.heads(), config.headDim(),
                config.maxLength());
        long attention = sat(replicas, sat(config.layers(), attentionPerReplica));
        long params = sat(4L + GradientTree.buffersNeeded(leaves, workers), config.parameterBound());
        long tokens = sat(batch, l);
        long largest = Math.max(Math.max(sat(rows, Math.max(3 * d, Math.max(f, v))), attentionPerReplica), tokens);
        return new MemoryEstimate(sat(b, activations + attention + params) + sat(16, tokens),
                sat(b, activations) + sat(16, tokens), sat(b, attention), sat(b, params), largest);
    }

    /** {@code a·b}, saturating at {@code Long.MAX_VALUE / 4} instead of overflowing. */
    private static long sat(long a, long c) {
        long cap = Long.MAX_VALUE / 4;
        if (a != 0 && c > cap / a) {
            return cap;
        }
        return Math.min(cap, a * c);
    }

    /** Bytes the engine may allocate: JavaCPP's limit (the JVM's {@code -Xmx} unless set) and physical memory. */
    public static long available() {
        long javacpp = org.bytedeco.javacpp.Pointer.maxBytes();
        long physical = physicalMemory();
        long limit = javacpp > 0 ? javacpp : Runtime.getRuntime().maxMemory();
        return physical > 0 ? Math.min(limit, physical) : limit;
    }

    static long physicalMemory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getTotalMemorySize();
        }
        return -1;
    }

    /**
     * Throws a {@link UserError} naming {@code options} (e.g. {@code "--batch 100000, --length 512"})
     * if this estimate does not fit into {@code available} bytes or a buffer would exceed
     * {@code 2³¹} elements.
     */
    public void check(String options, long available) {
        if (largestBuffer >= Integer.MAX_VALUE) {
            throw new UserError(String.format(Locale.ROOT, "%s: one buffer would hold %,d values, more than the "
                    + "engine's limit of 2^31; lower them", options, largestBuffer));
        }
        if (totalBytes > available * 9 / 10) {
            throw new UserError(String.format(Locale.ROOT, "%s: training needs about %s (activations %s, attention "
                    + "%s, parameters and optimizer %s), more than the %s this JVM may use (machine %s); lower "
                    + "them or raise the heap with JAVA_OPTS=-Xmx…", options, gib(totalBytes), gib(activationBytes),
                    gib(attentionBytes), gib(parameterBytes), gib(available), gib(physicalMemory())));
        }
    }

    static String gib(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return bytes >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }
}

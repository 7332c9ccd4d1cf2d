package org.attentionsuite.core.train;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.GradientTree;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * The memory a piece of work needs (training a configuration, or sampling from a model), estimated
 * from its sizes before anything is allocated, so an impossible run stops with one line naming the
 * options at fault instead of an internal error or an out-of-memory crash hours later.
 *
 * <p><b>Training.</b> Each worker's replica computes one micro-batch at a time: per row of it
 * ({@code N = b·L} rows for micro-batches of {@code b} sequences) each block keeps about
 * {@code 17·D + 3·F} activations and gradients (see {@code BlockBuffers}), the model
 * {@code (layers + 5)·D + 2·V} (residual stream, logits and their gradient); each layer's attention
 * keeps {@link org.attentionsuite.core.attention.AttentionSpec#analyticElements}. Parameters take
 * four copies (weights, gradients, two Adam moments) and the gradient sums their buffers
 * ({@link GradientTree#buffersNeeded}). The batch's token ids take 16 bytes per token (inputs and
 * targets, and their micro-batch copies).
 *
 * <p><b>Sampling</b> ({@link #decoding}): {@code B} sequences decoded together up to {@code T}
 * tokens keep, per layer, the key/value cache {@code 2·B·(T−1)·D} and a score row of {@code T};
 * one step's buffers take a training row's worth per sequence; the weights one copy, plus a
 * position table of {@code T·D}; the sequences themselves 8 bytes per token (the growing
 * sequences and their trimmed copies). Callers add what they keep besides ({@link #plus}).
 *
 * <p>The largest single buffer must also stay within {@code 2³¹} bytes ({@link Storage#maxElements}).
 *
 * @param work          what the memory is for, e.g. {@code "training"}, {@code "sampling"}
 * @param parts         what takes the memory, each with its bytes
 * @param largestBuffer elements of the largest single buffer
 * @param precision     the precision of the buffers
 */
public record MemoryEstimate(String work, List<Part> parts, long largestBuffer, Precision precision) {
    /** Sizes saturate here instead of overflowing. */
    private static final long CAP = Long.MAX_VALUE / 4;

    /** Copies the parts. */
    public MemoryEstimate {
        parts = List.copyOf(parts);
    }

    /**
     * One kind of memory.
     *
     * @param what  e.g. {@code "activations"}
     * @param bytes its size
     */
    public record Part(String what, long bytes) {
    }

    /** Everything, in bytes (saturating, never negative). */
    public long totalBytes() {
        long total = 0;
        for (Part p : parts) {
            total = Math.min(CAP, total + p.bytes());
        }
        return total;
    }

    /** This estimate with one more part, e.g. the samples a caller keeps. */
    public MemoryEstimate plus(String what, long bytes) {
        List<Part> more = new ArrayList<>(parts);
        more.add(new Part(what, bytes));
        return new MemoryEstimate(work, more, largestBuffer, precision);
    }

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
        long perRow = elementsPerRow(config);
        long activations = sat(replicas, sat(rows, perRow));
        long attentionPerReplica = config.attention().analyticElements(micro, config.heads(), config.headDim(),
                config.maxLength());
        long attention = sat(replicas, sat(config.layers(), attentionPerReplica));
        long params = sat(4L + GradientTree.buffersNeeded(leaves, workers), config.parameterBound());
        long tokens = sat(batch, l);
        long largest = Math.max(Math.max(sat(rows, Math.max(3 * d, Math.max(f, v))), attentionPerReplica), tokens);
        return new MemoryEstimate("training", List.of(new Part("activations", sat(b, activations) + sat(16, tokens)),
                new Part("attention", sat(b, attention)), new Part("parameters and optimizer", sat(b, params))),
                largest, precision);
    }

    /**
     * The estimate for decoding {@code batch} sequences of up to {@code length} tokens (primer
     * included) together with {@code config}'s key/value cache, with {@code parameters} weights.
     */
    public static MemoryEstimate decoding(ModelConfig config, long parameters, long batch, int length,
            Precision precision) {
        long b = precision.bytes();
        long d = config.dModel();
        long v = config.vocabSize();
        long capacity = Math.max(1, length - 1L);
        long cache = sat(config.layers(), sat(2 * d, sat(batch, capacity)) + capacity);
        long perRow = elementsPerRow(config);
        long step = sat(batch, perRow);
        long weights = parameters + sat(length, d);
        long largest = Math.max(sat(sat(batch, capacity), d), Math.max(sat(length, d), sat(batch, v)));
        return new MemoryEstimate("sampling", List.of(new Part("key/value caches", sat(b, cache)),
                new Part("step buffers and logits", sat(b, step)), new Part("weights", sat(b, weights)),
                new Part("sequences", sat(sat(8, batch), length))), largest, precision);
    }

    /**
     * Activations and gradients per row of a micro-batch (or per decoded sequence):
     * {@code layers·(17·D + 3·F) + (layers + 5)·D + 2·V}.
     */
    private static long elementsPerRow(ModelConfig config) {
        long d = config.dModel();
        return config.layers() * (17 * d + 3L * config.ffnDim()) + (config.layers() + 5L) * d
                + 2L * config.vocabSize();
    }

    /** {@code a·b}, saturating at {@link #CAP} instead of overflowing. */
    private static long sat(long a, long c) {
        if (a != 0 && c > CAP / a) {
            return CAP;
        }
        return Math.min(CAP, a * c);
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
     * {@code 2³¹} bytes.
     */
    public void check(String options, long available) {
        if (largestBuffer > Storage.maxElements(precision)) {
            throw new UserError(String.format(Locale.ROOT, "%s: one buffer would hold %,d values, more than the "
                    + "engine's limit of %,d (2^31 bytes); lower them", options, largestBuffer,
                    Storage.maxElements(precision)));
        }
        long total = totalBytes();
        if (total > available * 9 / 10) {
            StringBuilder each = new StringBuilder();
            for (Part p : parts) {
                each.append(each.length() == 0 ? "" : ", ").append(p.what()).append(' ').append(gib(p.bytes()));
            }
            throw new UserError(String.format(Locale.ROOT, "%s: %s needs about %s (%s), more than the %s this JVM may "
                    + "use (machine %s); lower them or raise the heap with JAVA_OPTS=-Xmx…", options, work, gib(total),
                    each, gib(available), gib(physicalMemory())));
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

package org.attentionsuite.core.fuzz;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.attentionsuite.core.io.AtomicFiles;

/**
 * Runs a {@link FuzzTarget} on a stream of mutated inputs and collects what breaks its invariant.
 *
 * <p>Inputs {@code 0 .. corpusSize-1} are the corpus files themselves; input {@code i} after them
 * is {@link Mutator#input} drawn from a {@link Random} seeded by {@code (seed, i)} alone, so any
 * input can be rebuilt from its index. One worker thread runs the inputs in order; this thread
 * watches it. An input still running after {@link FuzzOptions#timeout()} is a {@code TIMEOUT}
 * finding: its worker is interrupted and abandoned and a new worker goes on with the next input;
 * after {@value #MAX_HUNG_WORKERS} abandoned workers that are still busy the run stops early.
 * Anything the target throws that is not {@link FuzzTarget#isRejection its rejection} is an
 * {@code EXCEPTION} finding, errors such as {@code OutOfMemoryError} and
 * {@code StackOverflowError} included; an input that allocates more than
 * {@link FuzzTarget#maxAllocatedBytes} on the worker thread (counted by the JVM, where it can) is a
 * {@code MEMORY} finding, whether it was accepted or rejected. Findings are grouped by signature; the first
 * {@link FuzzOptions#filesPerFinding()} inputs of each are saved as
 * {@code <kind>-<index><extension>} in {@link FuzzOptions#findings()}.
 */
public final class Fuzzer {

    /** The run stops once this many abandoned (hung) workers are still running. */
    public static final int MAX_HUNG_WORKERS = 3;

    private static final long PROGRESS_NANOS = 10_000_000_000L;
    private static final int MAX_MESSAGE = 300;
    private static final String OWN_PACKAGES = "org.attentionsuite.";
    private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

    private final FuzzTarget target;
    private final Mutator mutator;
    private final FuzzOptions options;
    private final Consumer<String> progress;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long accepted;
    private long rejected;
    private long done;
    private long slowestNanos;
    private long slowestInput = -1;
    private long mostAllocated = THREADS == null ? -1 : 0;

    private Fuzzer(FuzzTarget target, Mutator mutator, FuzzOptions options,
                   Consumer<String> progress) {
        this.target = target;
        this.mutator = mutator;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Runs a campaign.
     *
     * @param target the code and its invariant
     * @param mutator the corpus and its mutations
     * @param options how many inputs, seed, time limit, where findings go
     * @param progress receives a progress line every 10 seconds
     * @return counts, findings, wall time and the slowest input
     */
    public static FuzzReport run(FuzzTarget target, Mutator mutator, FuzzOptions options,
                                 Consumer<String> progress) {
        return new Fuzzer(target, mutator, options, progress).run();
    }

    /**
     * Rebuilds one input of a campaign.
     *
     * @param mutator the corpus and its mutations
     * @param options the campaign's options (seed and mutations per input)
     * @param index the input's index
     * @return its bytes
     */
    public static byte[] input(Mutator mutator, FuzzOptions options, long index) {
        if (index < mutator.corpusSize()) {
            return mutator.corpusFile((int) index);
        }
        Random random = new Random(options.seed() ^ (index * 0x9E37_79B9_7F4A_7C15L));
        return mutator.input(random, options.maxMutations());
    }

    private FuzzReport run() {
        long start = System.nanoTime();
        long lastProgress = start;
        long pollMillis = Math.max(10, Math.min(200, options.timeout().toMillis() / 4));
        List<Thread> hung = new ArrayList<>();
        long next = 0;
        boolean stoppedEarly = false;
        while (next < options.inputs()) {
            Worker worker = new Worker(next);
            Thread thread = new Thread(worker, "fuzz-worker-" + next);
            thread.setDaemon(true);
            thread.start();
            Running stuck = null;
            while (thread.isAlive() && stuck == null) {
                join(thread, pollMillis);
                long now = System.nanoTime();
                if (now - lastProgress >= PROGRESS_NANOS) {
                    lastProgress = now;
                    progress.accept(progressLine(now - start));
                }
                stuck = worker.abandonIfStuck(now, options.timeout().toNanos());
            }
            if (stuck == null) {
                break;                                   // the worker ran every input
            }
            thread.interrupt();
            hung.add(thread);
            recordTimeout(stuck);
            next = stuck.index() + 1;
            hung.removeIf(t -> !t.isAlive());
            if (hung.size() >= MAX_HUNG_WORKERS && next < options.inputs()) {
                stoppedEarly = true;
                break;
            }
        }
        synchronized (this) {
            List<FuzzReport.Finding> findings = new ArrayList<>();
            for (Group g : groups.values()) {
                findings.add(new FuzzReport.Finding(g.kind, g.signature, g.message, g.first,
                        g.count, g.files));
            }
            return new FuzzReport(done, accepted, rejected, findings,
                    Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(slowestNanos),
                    slowestInput, mostAllocated, stoppedEarly);
        }
    }

    private synchronized String progressLine(long elapsedNanos) {
        double perSecond = done / (elapsedNanos / 1e9);
        long failing = groups.values().stream().mapToLong(g -> g.count).sum();
        return String.format(Locale.ROOT, "%,d / %,d inputs, %,.0f/s, %d findings (%d inputs)",
                done, options.inputs(), perSecond, groups.size(), failing);
    }

    private synchronized void record(long index, long nanos, long allocated, byte[] input,
                                     boolean wasAccepted, Throwable problem) {
        done++;
        long limit = target.maxAllocatedBytes(input);
        if (problem == null && allocated > limit) {
            Group group = groups.computeIfAbsent("memory", s -> new Group(FuzzReport.Kind.MEMORY, s,
                    String.format(Locale.ROOT, "allocated %,d bytes, more than the %,d allowed", allocated,
                            limit), index));
            group.add(index, input);
            return;
        }
        if (problem != null) {
            Group group = groups.computeIfAbsent(signature(problem),
                    s -> new Group(FuzzReport.Kind.EXCEPTION, s, oneLine(problem), index));
            group.add(index, input);
            return;
        }
        if (wasAccepted) {
            accepted++;
        } else {
            rejected++;
        }
        if (nanos > slowestNanos) {
            slowestNanos = nanos;
            slowestInput = index;
        }
        mostAllocated = Math.max(mostAllocated, allocated);
    }

    private synchronized void recordTimeout(Running stuck) {
        done++;
        String signature = "timeout";
        Group group = groups.computeIfAbsent(signature, s -> new Group(FuzzReport.Kind.TIMEOUT, s,
                "no result after " + options.timeout().toMillis() + " ms", stuck.index()));
        group.add(stuck.index(), stuck.input());
    }

    private static String signature(Throwable t) {
        StackTraceElement where = null;
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().startsWith(OWN_PACKAGES)) {
                where = frame;
                break;
            }
        }
        if (where == null && t.getStackTrace().length > 0) {
            where = t.getStackTrace()[0];
        }
        return t.getClass().getName() + (where == null ? "" : " at " + where);
    }

    /** The JVM's per-thread allocation counter, switched on; null where it has none. */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            t.setThreadAllocatedMemoryEnabled(true);
            return t;
        }
        return null;
    }

    /** Bytes the current thread has allocated so far; -1 where the JVM cannot count them. */
    private static long allocatedSoFar() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static String oneLine(Throwable t) {
        String text = (t.getClass().getName() + ": " + t.getMessage()).replaceAll("\\s+", " ");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fuzzing interrupted", e);
        }
    }

    /** One finding being collected. */
    private final class Group {
        final FuzzReport.Kind kind;
        final String signature;
        final String message;
        final long first;
        long count;
        final List<Path> files = new ArrayList<>();

        Group(FuzzReport.Kind kind, String signature, String message, long first) {
            this.kind = kind;
            this.signature = signature;
            this.message = message;
            this.first = first;
        }

        void add(long index, byte[] input) {
            count++;
            if (files.size() < options.filesPerFinding()) {
                String name = kind.name().toLowerCase(Locale.ROOT) + "-" + index
                        + target.extension();
                Path file = options.findings().resolve(name);
                AtomicFiles.write(file, input);
                files.add(file);
            }
        }
    }

    /** The input a worker is running. */
    private record Running(long index, long startNanos, byte[] input) {
    }

    /** Runs inputs from a first index on until done or abandoned. */
    private final class Worker implements Runnable {
        private final long from;
        private Running running;
        private boolean abandoned;

        Worker(long from) {
            this.from = from;
        }

        @Override
        public void run() {
            for (long i = from; i < options.inputs(); i++) {
                byte[] input = input(mutator, options, i);
                long allocatedBefore = allocatedSoFar();
                long start = System.nanoTime();
                if (!begin(new Running(i, start, input))) {
                    return;
                }
                Throwable problem = null;
                boolean wasAccepted = false;
                try {
                    target.run(input);
                    wasAccepted = true;
                } catch (Throwable thrown) {
                    if (!target.isRejection(thrown)) {
                        problem = thrown;
                    }
                }
                long nanos = System.nanoTime() - start;
                long allocated = THREADS == null ? -1 : allocatedSoFar() - allocatedBefore;
                if (!end()) {
                    return;                       // reported as a hang meanwhile
                }
                record(i, nanos, allocated, input, wasAccepted, problem);
            }
        }

        private synchronized boolean begin(Running next) {
            running = next;
            return !abandoned;
        }

        private synchronized boolean end() {
            running = null;
            return !abandoned;
        }

        synchronized Running abandonIfStuck(long now, long timeoutNanos) {
            if (running != null && !abandoned && now - running.startNanos() > timeoutNanos) {
                abandoned = true;
                return running;
            }
            return null;
        }
    }
}

package org.attentionsuite.core.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.attentionsuite.core.Rethrow;

/**
 * Splits element-wise kernels over threads. Work is cut into a fixed number of contiguous parts, so
 * every element is computed by the same code in the same order whatever the thread count, and
 * reductions combine their partial sums in part order: results are bit-identical run to run.
 *
 * <p>Off by default ({@code -Dsuite.threads=N} turns it on): on the 2-core benchmark machine the
 * kernels alone ran 1.3–1.5x faster on 2 threads, but whole training steps did not get faster
 * (music-tiny and image-tiny, A/B in one session), so the simpler single-threaded path stays the
 * default until a machine shows a gain.
 */
final class Parallel {
    /** Threads used, {@code -Dsuite.threads=N} (default 1: everything on the caller). */
    static final int THREADS = Math.max(1, Integer.getInteger("suite.threads", 1));
    /** Parts of a reduction: fixed, so sums do not depend on the machine's core count. */
    static final int REDUCTION_PARTS = 4;
    /** Below this many elements a kernel runs on the caller (a hand-off costs ~10-30 µs). */
    static final long MIN_PARALLEL_WORK = 1 << 15;

    private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(r, "suite-kernels");
        t.setDaemon(true);
        return t;
    }) : null;

    private Parallel() {
    }

    /** Runs {@code part(p)} for {@code p in [0, parts)}; part 0 on the caller, the rest on the pool. */
    static void forParts(int parts, long work, IntConsumer part) {
        if (POOL == null || parts <= 1 || work < MIN_PARALLEL_WORK) {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int q = p;
            futures[p - 1] = POOL.submit(() -> part.accept(q));
        }
        part.accept(0);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw Rethrow.unchecked(e.getCause());
            }
        }
    }

    /** Number of parts for row-independent work over {@code rows} rows. */
    static int rowParts(int rows) {
        return Math.max(1, Math.min(THREADS, rows));
    }

    /** First row of part {@code p} of {@code parts} over {@code rows}. */
    static int start(int p, int parts, int rows) {
        return (int) ((long) rows * p / parts);
    }
}

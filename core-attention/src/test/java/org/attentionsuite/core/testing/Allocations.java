package org.attentionsuite.core.testing;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** Heap a piece of code allocates, for tests that a reader does not trust a size it was told. */
public final class Allocations {
    private Allocations() {
    }

    /**
     * Bytes the current thread allocates while {@code action} runs (garbage included); the test is
     * skipped on a JVM that cannot count them.
     */
    public static long allocatedBy(Runnable action) {
        Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}

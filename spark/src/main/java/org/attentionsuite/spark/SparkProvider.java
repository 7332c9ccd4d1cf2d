package org.attentionsuite.spark;

import org.attentionsuite.core.parallel.Workers;

/** Registers {@link SparkWorkers} as the cluster behind {@code --spark} ({@code META-INF/services}). */
public final class SparkProvider implements Workers.Provider {
    @Override
    public Workers on(String master) {
        return new SparkWorkers(master);
    }
}

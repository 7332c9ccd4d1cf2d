package org.attentionsuite.core.parallel;

import java.util.List;
import java.util.ServiceLoader;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;

/**
 * Where the forward and backward passes of a model run: {@link #threads threads} of this process
 * ({@code --workers N}) or the executors of a cluster ({@code --spark MASTER}, in the spark module).
 * Whatever the placement, the numbers are the same bits: work is cut into micro-batches that do not
 * depend on the workers, each is computed by the same code, and results are combined in one fixed
 * order ({@link GradientTree}, {@link StepWork}).
 */
public interface Workers {
    /** Replicas of {@code model} on these workers; training cuts its batches into micro-batches of {@code microBatch} sequences. */
    Replicas open(DecoderModel model, int microBatch);

    /** Mean loss in nats per counted target of {@code model} over {@code batches}, on these workers. */
    default double evaluate(DecoderModel model, List<Batch> batches) {
        try (Replicas replicas = open(model, 1)) {
            return replicas.evaluate(batches);
        }
    }

    /**
     * How many replicas compute side by side in this JVM (what its memory must hold): the threads,
     * or for a cluster the replicas the driver itself runs.
     */
    int count();

    /** For the run's log, e.g. {@code "2 threads"}. */
    String describe();

    /** {@code n} threads of this process, each with its own replica and one BLAS thread. */
    static Workers threads(int n) {
        return new ThreadWorkers(n);
    }

    /** One thread per core available to this JVM (the command-line default). */
    static Workers allCores() {
        return threads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The executors of the Apache Spark cluster at {@code master} ({@code local[N]},
     * {@code spark://host:port}, {@code yarn}, {@code k8s://…}), from the spark module, which this
     * module does not depend on: it is found on the class path through {@link Provider}.
     *
     * @throws UserError when the spark module is not on the class path
     */
    static Workers spark(String master) {
        return ServiceLoader.load(Provider.class).findFirst()
                .orElseThrow(() -> new UserError("--spark " + master + ": the suite's spark module is not on the "
                        + "class path; start the suite with ./suite, which builds and adds it when --spark is given, "
                        + "or with spark-submit and the cluster jar (README: Running on a cluster)"))
                .on(master);
    }

    /** Workers of a cluster, provided by a module on the class path ({@code META-INF/services}). */
    interface Provider {
        /** The cluster's workers at {@code master}; nothing connects before {@link Workers#open}. */
        Workers on(String master);
    }
}

package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training steps interleaved with evaluations whose last batch is smaller (what every windowed
 * validation set looks like) must not allocate native buffers in the steady state, on one worker
 * or several (replicas, gradient buffers and activations are all reused). Before the fix
 * the model rebuilt all its activations twice per evaluation (eval shape, then training shape
 * again); the discarded ND4J buffers were freed only when the GC collected their (old, tiny) Java
 * owners, so a long run's native memory grew by the activations' size every evaluation.
 */
class ActivationReuseTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void trainEvalCyclesAllocateNoNativeBuffers(int workers) {
        ModelConfig config = ModelFixtures.SMALL;
        DecoderModel model = new DecoderModel(config, Precision.FLOAT32, 3);
        Batch train = ModelFixtures.randomBatch(config, 4, 12, 1, false);
        List<Batch> validation = List.of(ModelFixtures.randomBatch(config, 4, 12, 2, false),
                ModelFixtures.randomBatch(config, 3, 12, 3, false));             // last batch smaller
        try (Replicas replicas = Workers.threads(workers).open(model, 1)) {
            cycle(replicas, train, validation);                                  // warm-up: allocates
            // A replica allocates its buffers on its first micro-batch, and which worker takes which
            // block is the scheduler's choice: under load one thread may do all of the first cycle.
            for (int c = 0; c < 100 && !everyWorkerComputed(replicas); c++) {
                cycle(replicas, train, validation);
            }
            assertTrue(everyWorkerComputed(replicas), "every worker has computed a micro-batch");
            long before = Storage.allocatedBytes();
            for (int i = 0; i < 5; i++) {
                cycle(replicas, train, validation);
            }
            assertEquals(0, Storage.allocatedBytes() - before, "native bytes allocated by 5 train/eval cycles");
        }
    }

    private static boolean everyWorkerComputed(Replicas replicas) {
        return Arrays.stream(replicas.utilisation().orElseThrow().busySeconds()).allMatch(s -> s > 0);
    }

    private static void cycle(Replicas replicas, Batch train, List<Batch> validation) {
        for (int s = 0; s < 3; s++) {
            replicas.gradients(train, s);
        }
        replicas.evaluate(validation);
    }
}

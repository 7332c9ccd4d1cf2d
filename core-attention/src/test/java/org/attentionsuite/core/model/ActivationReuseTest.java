package org.attentionsuite.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;
import org.attentionsuite.core.train.Trainer;
import org.junit.jupiter.api.Test;

/**
 * Training steps interleaved with evaluations whose last batch is smaller (what every windowed
 * validation set looks like) must not allocate native buffers in the steady state. Before the fix
 * the model rebuilt all its activations twice per evaluation (eval shape, then training shape
 * again); the discarded ND4J buffers were freed only when the GC collected their (old, tiny) Java
 * owners, so a long run's native memory grew by the activations' size every evaluation.
 */
class ActivationReuseTest {
    @Test
    void trainEvalCyclesAllocateNoNativeBuffers() {
        ModelConfig config = ModelFixtures.SMALL;
        DecoderModel model = new DecoderModel(config, Precision.FLOAT32, 3);
        Batch train = ModelFixtures.randomBatch(config, 4, 12, 1, false);
        List<Batch> validation = List.of(ModelFixtures.randomBatch(config, 4, 12, 2, false),
                ModelFixtures.randomBatch(config, 3, 12, 3, false));             // last batch smaller
        cycle(model, train, validation);                                         // warm-up: allocates
        long before = Storage.allocatedBytes();
        for (int i = 0; i < 5; i++) {
            cycle(model, train, validation);
        }
        assertEquals(0, Storage.allocatedBytes() - before, "native bytes allocated by 5 train/eval cycles");
    }

    private static void cycle(DecoderModel model, Batch train, List<Batch> validation) {
        for (int s = 0; s < 3; s++) {
            model.params().zeroGrads();
            model.forward(train, true);
            model.backward();
        }
        Trainer.evaluate(model, validation);
    }
}

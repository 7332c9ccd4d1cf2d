package org.attentionsuite.music.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.train.PerformanceData;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of format 1 (Java class names as type tags, no token scheme), written before
 * checkpoints described themselves: {@code music train --d-model 16 --heads 2 --layers 1
 * --length 16 --steps 2 --batch 2} on the bundled songs at commit 69dcb2b. It must still load as a
 * performance model and evaluate to the validation loss it recorded.
 */
class LegacyCheckpointTest {
    @Test
    void aFormatOneMusicCheckpointLoadsAndReproducesItsValidationLoss() throws Exception {
        Path file = Path.of(LegacyCheckpointTest.class.getResource("/fixtures/format1-music.ckpt").toURI());
        Checkpoint.Loaded l = Checkpoint.load(file, Precision.FLOAT32);
        assertEquals(new MusicTokens.PerformanceEvents(), l.tokens());
        assertEquals(new RelativeAttention.Spec(16, false), l.model().config().attention());
        assertEquals(1, l.run().step());
        double loss = Workers.threads(1).evaluate(l.model(), PerformanceData.bundled(16, 2, Augmentation.paper())
                .validationBatches());
        assertEquals(5.967337129959575, l.bestValidationLoss());
        assertEquals(5.967337129959575, loss, 1e-6, "the recorded validation loss of step 1");
    }
}

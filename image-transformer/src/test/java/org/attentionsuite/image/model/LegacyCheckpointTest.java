package org.attentionsuite.image.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.junit.jupiter.api.Test;

/**
 * A checkpoint of format 1 (Java class names as type tags, no token scheme), written by the suite
 * before checkpoints described themselves: {@code image train --size 8 --d-model 16 --heads 2
 * --layers 1 --steps 2 --batch 2 --conditional} at commit 69dcb2b. It must still load, with its
 * token scheme recognised, and evaluate to the validation loss it recorded.
 */
class LegacyCheckpointTest {
    static Path fixture() throws URISyntaxException {
        return Path.of(LegacyCheckpointTest.class.getResource("/fixtures/format1-image.ckpt").toURI());
    }

    @Test
    void aFormatOneImageCheckpointLoadsAndReproducesItsValidationLoss() throws Exception {
        Checkpoint.Loaded l = Checkpoint.load(fixture(), Precision.FLOAT32);
        ImageOrder order = ImageOrder.blockRaster(8, 8, 1, 8, 8);
        assertEquals(new Pixels(order, 10, ClassNames.UNKNOWN), l.tokens());
        assertEquals(ClassNames.FASHION_MNIST, TrainedImageModel.load(fixture()).classNames(),
                "format 1 recorded no class names; its provenance names the bundled Fashion-MNIST");
        assertEquals(new LocalAttention2d.Spec(8, 8, 1, 8, 8, 8, 8), l.model().config().attention());
        assertEquals(2, l.run().step());
        assertEquals(12225, l.model().parameterCount());
        ImageTrainingOptions o = ImageTrainingOptions.of(new ImageSource.Bundled(), 8, 1, Path.of("unused"))
                .withConditional(true);
        double loss = Workers.threads(1).evaluate(l.model(), ImageTraining.load(o, l.model().config()).validationBatches());
        assertEquals(5.493551482592011, loss, 1e-6, "the recorded validation loss of step 2");
        assertEquals(5.493551482592011, l.bestValidationLoss());
        assertEquals(FullCausalAttention.NAME, ImageAttention.FULL.id());
    }
}

package org.attentionsuite.image.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.junit.jupiter.api.Test;

/** The classifier on the bundled Fashion-MNIST images: it learns, generalises and is deterministic. */
class ImageClassifierTest {
    @Test
    void itLearnsFashionMnistWellAboveChanceOnHeldOutImages() {
        ImageSet all = BundledImages.fashionMnist2k();
        ImageSet train = all.subset(0, 1600);
        ImageSet test = all.subset(1600, 2000);
        ImageClassifier c = ImageClassifier.train(train, 10, 20, 1);
        double trainAccuracy = c.accuracy(train);
        double testAccuracy = c.accuracy(test);
        assertTrue(trainAccuracy > 0.9, "train accuracy " + trainAccuracy);
        assertTrue(testAccuracy > 0.70, "held-out accuracy " + testAccuracy + " (chance is 0.10)");
        assertArrayEquals(c.classify(test), ImageClassifier.train(train, 10, 20, 1).classify(test), "same seed");
        int[] wrong = test.labels().clone();
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] = (wrong[i] + 1) % 10;
        }
        assertTrue(c.accuracy(test, wrong) < 0.2, "asking for the wrong classes scores low");
        assertEquals(test.count(), c.classify(test).length);
    }
}

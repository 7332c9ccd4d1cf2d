package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BundledImagesTest {

    @Test
    void fashionMnist2kHas2000LabelledGrayImages() {
        ImageSet set = BundledImages.fashionMnist2k();
        assertEquals(2000, set.count());
        assertEquals(28, set.height());
        assertEquals(28, set.width());
        assertEquals(1, set.channels());
        int[] perClass = new int[10];
        for (int label : set.labels()) {
            assertTrue(label >= 0 && label <= 9, "label " + label);
            perClass[label]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(perClass[c] > 150, "class " + c + " has only " + perClass[c] + " images");
        }
        // Same golden values as IdxReaderTest (first t10k labels; row 14 of image 0), from od.
        assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(set.labels(), 10));
        assertEquals(98, set.intensity(0, 14, 12, 0));
        assertEquals(169, set.intensity(0, 14, 25, 0));
        assertSame(set, BundledImages.fashionMnist2k(), "loaded once");
    }

    @Test
    void bundleEqualsTheFirst2000ImagesOfTheDebianTestSet() {
        FashionMnistFiles.require("t10k-images-idx3-ubyte.gz");
        assertEquals(FashionMnist2kBundle.subset(FashionMnistFiles.DIR), BundledImages.fashionMnist2k());
    }

    @Test
    void licenceTravelsWithTheData() throws IOException {
        try (InputStream in = BundledImages.class.getResourceAsStream(BundledImages.FASHION_MNIST_2K + "LICENSE-fashion-mnist.txt")) {
            assertNotNull(in, "licence file missing");
            String licence = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(licence.contains("Zalando SE"));
            assertTrue(licence.contains("Permission is hereby granted, free of charge"));
        }
    }
}

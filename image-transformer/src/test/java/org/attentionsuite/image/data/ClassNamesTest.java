package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassNamesTest {
    @Test
    void knownDataSetsNameTheirTenClassesAndUnknownOnesNumberThem() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot"), ClassNames.FASHION_MNIST.names());
        assertEquals("Dress", ClassNames.FASHION_MNIST.of(3));
        assertEquals("Ankle boot", ClassNames.FASHION_MNIST.of(9));
        assertEquals(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"),
                ClassNames.CIFAR10.names());
        assertEquals("airplane", ClassNames.CIFAR10.of(0));
        assertEquals("truck", ClassNames.CIFAR10.of(9));
        assertEquals("class 3", ClassNames.UNKNOWN.of(3));
        assertEquals("class 10", ClassNames.CIFAR10.of(10), "a label beyond the names is numbered");
        assertEquals(Cifar10Reader.CLASSES, ClassNames.CIFAR10.names().size());
    }
}

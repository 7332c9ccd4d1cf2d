package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StorageTest {
    @Test
    void aBufferHoldsAtMost2To31Bytes() {
        // the kernels read a buffer through a Java view of at most 2^31 - 1 bytes: a buffer of 600
        // million floats was allocated and then failed with IndexOutOfBoundsException past element 2^29
        assertEquals(536_870_911, Storage.maxElements(Precision.FLOAT32));
        assertEquals(268_435_455, Storage.maxElements(Precision.FLOAT64));
        assertThrows(IllegalArgumentException.class, () -> Storage.allocate(Precision.FLOAT32, 536_870_912));
        assertThrows(IllegalArgumentException.class, () -> Storage.allocate(Precision.FLOAT64, 268_435_456));
        Storage small = Storage.allocate(Precision.FLOAT64, 3);
        small.set(2, 1.5);
        assertEquals(1.5, small.get(2));
    }
}

package org.attentionsuite.image.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RasterOrderTest {

    @Test
    void indexIsRowThenColumnThenChannel() {
        RasterOrder order = new RasterOrder(2, 3, 3);
        assertEquals(18, order.length());
        assertEquals(0, order.index(0, 0, 0));
        assertEquals(2, order.index(0, 0, 2));
        assertEquals(3, order.index(0, 1, 0));
        assertEquals(9, order.index(1, 0, 0));
        assertEquals(17, order.index(1, 2, 2));
    }

    @Test
    void coordinatesInvertIndex() {
        RasterOrder order = new RasterOrder(4, 5, 3);
        for (int i = 0; i < order.length(); i++) {
            assertEquals(i, order.index(order.row(i), order.column(i), order.channel(i)));
        }
        assertEquals(1, order.row(16));      // 16 = (1*5 + 0)*3 + 1
        assertEquals(0, order.column(16));
        assertEquals(1, order.channel(16));
    }

    @Test
    void rejectsOutOfRange() {
        RasterOrder order = new RasterOrder(2, 2, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> order.index(2, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> order.row(4));
        assertThrows(IllegalArgumentException.class, () -> new RasterOrder(0, 2, 1));
    }
}

package org.attentionsuite.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CopyableTest {
    /** A record with a primitive, an object and a list component, validated on construction. */
    record Box(int width, String label, List<Integer> sizes) implements Copyable<Box> {
        Box {
            if (width < 1) {
                throw new UserError("width (" + width + ") must be positive");
            }
            sizes = List.copyOf(sizes);
        }
    }

    private static final Box BOX = new Box(2, "a", List.of(1, 2));

    @Test
    void changesOnlyTheNamedComponent() {
        assertEquals(new Box(5, "a", List.of(1, 2)), BOX.with(Box::width, 5));
        assertEquals(new Box(2, "b", List.of(1, 2)), BOX.with(Box::label, "b"));
        assertEquals(new Box(2, "a", List.of(3)), BOX.with(Box::sizes, List.of(3)));
        assertEquals(new Box(2, "a", List.of(1, 2)), BOX, "the original is unchanged");
    }

    @Test
    void theCopyIsValidatedByTheCanonicalConstructor() {
        UserError e = assertThrows(UserError.class, () -> BOX.with(Box::width, 0));
        assertEquals("width (0) must be positive", e.getMessage());
    }

    @Test
    void aLambdaThatIsNoAccessorIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BOX.with(b -> b.width() + 1, 3));
        assertTrue(e.getMessage().contains("is not a component of Box"), e.getMessage());
    }
}

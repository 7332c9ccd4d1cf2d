package org.attentionsuite.core;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RethrowTest {
    @Test
    void anUncheckedFailureIsItselfAnErrorIsThrownAndACheckedOneIsWrapped() {
        UserError user = new UserError("x: bad");
        assertSame(user, Rethrow.unchecked(user));
        OutOfMemoryError oom = new OutOfMemoryError("heap");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Rethrow.unchecked(oom)));
        IOException io = new IOException("disk");
        RuntimeException wrapped = Rethrow.unchecked(io);
        assertTrue(wrapped instanceof IllegalStateException);
        assertSame(io, wrapped.getCause());
    }
}

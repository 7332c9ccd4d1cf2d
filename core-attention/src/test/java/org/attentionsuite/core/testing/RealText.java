package org.attentionsuite.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bundled real text (Poe's "The Raven", public domain) as byte tokens 0..255. */
public final class RealText {
    private RealText() {
    }

    public static int[] tokens() {
        try (InputStream in = RealText.class.getResourceAsStream("/org/attentionsuite/core/the-raven.txt")) {
            byte[] b = in.readAllBytes();
            int[] t = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                t[i] = b[i] & 0xff;
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

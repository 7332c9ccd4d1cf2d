package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;

/**
 * An absolute position signal added to the token embeddings. Rows of {@code x (B·L, D)} are
 * batch-major; row {@code b·L + i} holds position {@code start + i}.
 */
public interface PositionEncoding {
    /** {@code x[b·L + i] += enc(start + i)}. */
    void addTo(Mat x, int batch, int length, int start);

    /** Accumulates the gradient of learned encodings from {@code dx (B·L, D)}; no-op when fixed. */
    void backward(Mat dx, int batch, int length, int start);
}

package org.attentionsuite.core.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of an engine instance: float32 to train, float64 to check gradients. */
public enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The ND4J data type of buffers in this precision. */
    public DataType dataType() {
        return dataType;
    }

    /** Bytes per element: the width of {@link #dataType()}. */
    public int bytes() {
        return dataType.width();
    }
}

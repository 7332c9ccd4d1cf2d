package org.attentionsuite.core.tensor;

import org.nd4j.linalg.api.buffer.DataType;

/** Floating-point precision of an engine instance: float32 to train, float64 to check gradients. */
public enum Precision {
    FLOAT32(DataType.FLOAT, 4),
    FLOAT64(DataType.DOUBLE, 8);

    private final DataType dataType;
    private final int bytes;

    Precision(DataType dataType, int bytes) {
        this.dataType = dataType;
        this.bytes = bytes;
    }

    /** The ND4J data type of buffers in this precision. */
    public DataType dataType() {
        return dataType;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}

package org.attentionsuite.core.checkpoint;

import com.google.gson.JsonParseException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * How a checkpoint's arrays are stored: the array codec. Values are written row-major,
 * little-endian, in {@code float64}, {@code float32} or {@code float16} (IEEE binary16, round to
 * nearest even, {@link Float16}); the type is named in {@code meta.json} by its {@link #id()}.
 */
public enum Dtype {
    FLOAT64("float64", 8), FLOAT32("float32", 4), FLOAT16("float16", 2);

    private final String id;
    private final int bytes;

    Dtype(String id, int bytes) {
        this.id = id;
        this.bytes = bytes;
    }

    /** The name in {@code meta.json}, e.g. {@code "float32"}. */
    public String id() {
        return id;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The type that stores {@code p} exactly. */
    public static Dtype exact(Precision p) {
        return p == Precision.FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /** The type called {@code id} in {@code meta.json}. */
    static Dtype of(String id) {
        for (Dtype d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new JsonParseException("unknown dtype '" + id + "'");
    }

    /** {@code m}'s values, row-major, little-endian in this type. */
    byte[] encode(Mat m) {
        int n = m.rows() * m.cols();
        ByteBuffer buf = ByteBuffer.allocate(n * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                double x = m.get(r, c);
                switch (this) {
                    case FLOAT64 -> buf.putDouble(x);
                    case FLOAT32 -> buf.putFloat((float) x);
                    case FLOAT16 -> buf.putShort(Float16.fromFloat((float) x));
                }
            }
        }
        return buf.array();
    }

    /** Fills {@code m} row-major from {@code bytes} written by {@link #encode}. */
    void decode(byte[] bytes, Mat m) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                double x = switch (this) {
                    case FLOAT64 -> buf.getDouble();
                    case FLOAT32 -> buf.getFloat();
                    case FLOAT16 -> Float16.toFloat(buf.getShort());
                };
                m.set(r, c, x);
            }
        }
    }
}

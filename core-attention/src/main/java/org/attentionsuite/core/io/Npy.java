package org.attentionsuite.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * NumPy's {@code .npy} format, version 1.0, for little-endian float32 arrays in C order: the magic
 * {@code \x93NUMPY}, the version {@code 1 0}, a little-endian {@code uint16} header length, an ASCII
 * header {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces and
 * a newline so the data starts at a multiple of 64 bytes, then the values.
 *
 * @see <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** Magic, version and header length: the bytes before the header text. */
    private static final int PREAMBLE = MAGIC.length + 2;
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** The {@code .npy} bytes of {@code data} with {@code shape} (row-major; one or more dimensions). */
    public static byte[] float32(int[] shape, float[] data) {
        long count = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a non-positive size");
            }
            count *= d;
        }
        if (shape.length == 0 || count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length
                    + " values");
        }
        byte[] header = header(shape);
        ByteBuffer out = ByteBuffer.allocate(PREAMBLE + header.length + 4 * data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) header.length).put(header);
        out.asFloatBuffer().put(data);
        return out.array();
    }

    /** The header text, padded so that the preamble and header end on a 64-byte boundary. */
    static byte[] header(int[] shape) {
        StringBuilder dims = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        dims.append(shape.length == 1 ? ",)" : ")");
        StringBuilder h = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': " + dims + ", }");
        int unpadded = PREAMBLE + h.length() + 1;                   // + the closing newline
        h.append(" ".repeat((ALIGN - unpadded % ALIGN) % ALIGN)).append('\n');
        return h.toString().getBytes(StandardCharsets.US_ASCII);
    }
}

package org.attentionsuite.core.tensor;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One contiguous native buffer, owned by the engine: an ND4J array of shape {@code [1, size]} that is
 * never a view, so its direct buffer and its address both start at element 0.
 *
 * <p>Element access for the Java kernels goes through {@link #get(int)} / {@link #set(int, double)},
 * which are specialised per precision by the two final subclasses (the JIT inlines the one in use).
 */
public abstract sealed class Storage permits Storage.F32, Storage.F64 {
    private static final java.util.concurrent.atomic.AtomicLong ALLOCATED = new java.util.concurrent.atomic.AtomicLong();
    private final INDArray array;
    private final Precision precision;
    private final int size;

    private Storage(INDArray array, Precision precision) {
        this.array = array;
        this.precision = precision;
        this.size = (int) array.length();
    }

    /**
     * The most elements one buffer of {@code precision} holds: the kernels read it through a Java
     * buffer, which addresses at most {@code 2³¹ − 1} bytes (a larger buffer would be allocated and
     * then fail at its first element past them).
     */
    public static long maxElements(Precision precision) {
        return Integer.MAX_VALUE / precision.bytes();
    }

    /** Allocates a zero-filled buffer of {@code size} elements, at most {@link #maxElements}. */
    public static Storage allocate(Precision precision, long size) {
        if (size <= 0 || size > maxElements(precision)) {
            throw new IllegalArgumentException("buffer size " + size + " must be in 1.." + maxElements(precision)
                    + " (2^31 bytes of " + precision.bytes() + "-byte values)");
        }
        INDArray a = Nd4j.create(precision.dataType(), 1, size);
        ALLOCATED.addAndGet(size * precision.bytes());
        return precision == Precision.FLOAT32 ? new F32(a) : new F64(a);
    }

    /**
     * Bytes of native memory allocated through {@link #allocate} since the JVM started. Taking the
     * difference around a call measures what an operation allocates (its workspaces and
     * intermediates), independent of the JVM heap.
     */
    public static long allocatedBytes() {
        return ALLOCATED.get();
    }

    /** The backing ND4J array, shape {@code [1, size]}. */
    public INDArray array() {
        return array;
    }

    public Precision precision() {
        return precision;
    }

    public int size() {
        return size;
    }

    /** Native address of element 0 (for the CPU BLAS path). */
    public Pointer pointer() {
        return array.data().addressPointer();
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    public final void add(int i, double v) {
        set(i, get(i) + v);
    }

    /** Sets {@code n} elements from {@code from} to zero. */
    public abstract void zero(int from, int n);

    /** A window on this buffer. */
    public Mat mat(int offset, int rows, int cols) {
        return new Mat(this, offset, rows, cols, cols);
    }

    /** The whole buffer as one row. */
    public Mat whole() {
        return new Mat(this, 0, 1, size, size);
    }

    /** float32 storage. */
    public static final class F32 extends Storage {
        private final FloatBuffer b;
        private final java.nio.ByteBuffer bytes;

        F32(INDArray a) {
            super(a, Precision.FLOAT32);
            this.bytes = a.data().asNio().order(ByteOrder.nativeOrder());
            this.b = bytes.asFloatBuffer();
        }

        /** The same memory as bytes in native order, for the SIMD kernels. */
        java.nio.ByteBuffer bytes() {
            return bytes;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        public void zero(int from, int n) {
            for (int i = from, end = from + n; i < end; i++) {
                b.put(i, 0f);
            }
        }
    }

    /** float64 storage. */
    public static final class F64 extends Storage {
        private final DoubleBuffer b;

        F64(INDArray a) {
            super(a, Precision.FLOAT64);
            this.b = a.data().asNio().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void set(int i, double v) {
            b.put(i, v);
        }

        @Override
        public void zero(int from, int n) {
            for (int i = from, end = from + n; i < end; i++) {
                b.put(i, 0.0);
            }
        }
    }
}

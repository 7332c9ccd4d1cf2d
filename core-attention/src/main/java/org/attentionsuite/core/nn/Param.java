package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;

/**
 * A named parameter: a {@code rows x cols} slice of its {@link Params}' flat value buffer, and the
 * slice at the same place of the flat gradient buffer.
 */
public final class Param {
    private final Params owner;
    private final String name;
    private final int rows;
    private final int cols;
    private final int offset;
    final Init init;

    Param(Params owner, String name, int rows, int cols, int offset, Init init) {
        this.owner = owner;
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.offset = offset;
        this.init = init;
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return rows * cols;
    }

    /** The values, {@code (rows, cols)}. */
    public Mat value() {
        return owner.values().mat(offset, rows, cols);
    }

    /** The gradient, {@code (rows, cols)}, accumulated by backward passes. */
    public Mat grad() {
        return owner.grads().mat(offset, rows, cols);
    }
}

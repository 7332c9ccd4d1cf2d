package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;

/**
 * A named parameter: a {@code rows x cols} slice of its {@link Params}' flat value buffer, and the
 * slice at the same place of the flat gradient buffer. Made by {@link Params#add}.
 *
 * @param owner  the parameters whose buffers hold it
 * @param name   e.g. {@code "final.ln.gamma"}
 * @param rows   rows of the slice
 * @param cols   columns of the slice
 * @param offset its first element in the flat buffers
 * @param init   how {@link Params#allocate} fills it
 */
public record Param(Params owner, String name, int rows, int cols, int offset, Init init) {
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

package org.attentionsuite.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * All parameters of a model in one flat value buffer and one flat gradient buffer of {@code P}
 * elements, so the optimizer, checkpoints and gradient clipping see one array each.
 *
 * <p>Layers {@link #add} their parameters while they are built; {@link #allocate} then creates both
 * buffers and initialises every parameter, in registration order, from one seeded generator.
 */
public final class Params {
    private final List<Param> list = new ArrayList<>();
    private int size;
    private Storage values;
    private Storage grads;

    /** Registers a {@code rows x cols} parameter; returns its handle (usable after allocation). */
    public Param add(String name, int rows, int cols, Init init) {
        if (values != null) {
            throw new IllegalStateException("parameters already allocated; cannot add " + name);
        }
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("parameter " + name + " has non-positive shape " + rows + "x" + cols);
        }
        Param p = new Param(this, name, rows, cols, size, init);
        size = Math.addExact(size, rows * cols);
        list.add(p);
        return p;
    }

    /** Creates the flat buffers and initialises the parameters from {@code seed}. */
    public void allocate(Precision precision, long seed) {
        if (values != null) {
            throw new IllegalStateException("parameters already allocated");
        }
        values = Storage.allocate(precision, Math.max(1, size));
        grads = Storage.allocate(precision, Math.max(1, size));
        Random rng = new Random(seed);
        for (Param p : list) {
            for (int i = 0; i < p.size(); i++) {
                values.set(p.offset() + i, p.init.next(rng));
            }
        }
    }

    public boolean allocated() {
        return values != null;
    }

    /** Number of scalar parameters {@code P}. */
    public int size() {
        return size;
    }

    public Storage values() {
        if (values == null) {
            throw new IllegalStateException("parameters not allocated yet");
        }
        return values;
    }

    public Storage grads() {
        if (grads == null) {
            throw new IllegalStateException("parameters not allocated yet");
        }
        return grads;
    }

    public List<Param> all() {
        return Collections.unmodifiableList(list);
    }

    public void zeroGrads() {
        grads().zero(0, grads.size());
    }

    public Precision precision() {
        return values().precision();
    }
}

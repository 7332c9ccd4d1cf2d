package org.attentionsuite.core.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
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
                values.set(p.offset() + i, p.init().next(rng));
            }
        }
    }

    /**
     * Binds these parameters to {@code source}'s values (no copy: both see every update) with a
     * gradient buffer of their own (allocated when first used, so a replica that only samples
     * never holds one): a replica that computes on another thread. The two must have been registered identically (same model config).
     */
    public void shareValues(Params source) {
        if (values != null) {
            throw new IllegalStateException("parameters already allocated");
        }
        if (source.size != size || source.list.size() != list.size()) {
            throw new IllegalArgumentException("a replica needs the same parameters: " + size + " values in "
                    + list.size() + " tensors here, " + source.size + " in " + source.list.size() + " there");
        }
        for (int i = 0; i < list.size(); i++) {
            Param a = list.get(i);
            Param b = source.list.get(i);
            if (a.offset() != b.offset() || a.rows() != b.rows() || a.cols() != b.cols() || !a.name().equals(b.name())) {
                throw new IllegalArgumentException("a replica needs the same parameters: " + a.name() + " vs "
                        + b.name());
            }
        }
        values = source.values();                                  // gradients: allocated when first used
    }

    /**
     * Makes {@code buffer} (at least {@link #size()} elements, same precision) the gradient buffer
     * that backward passes accumulate into, and returns the previous one (null if none was
     * allocated yet); lets a replica write each micro-batch's gradient straight into the buffer
     * that keeps it.
     */
    public Storage swapGrads(Storage buffer) {
        if (buffer.precision() != precision() || buffer.size() < size) {
            throw new IllegalArgumentException("a gradient buffer needs " + size + " " + precision()
                    + " elements, got " + buffer.size() + " " + buffer.precision());
        }
        Storage before = grads;
        grads = buffer;
        return before;
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
            grads = Storage.allocate(values().precision(), Math.max(1, size));
        }
        return grads;
    }

    public List<Param> all() {
        return Collections.unmodifiableList(list);
    }

    public void zeroGrads() {
        grads().zero(0, grads.size());
    }

    /**
     * SHA-256 of the parameter values as little-endian float32, in registration order, in hex: two
     * models with this hash compute the same function (printed by {@code inspect} as
     * {@code weights_sha256}, so runs can be compared from the command line).
     */
    public String sha256() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer chunk = ByteBuffer.allocate(4 << 12).order(ByteOrder.LITTLE_ENDIAN);
        Storage v = values();
        for (int i = 0; i < size; i++) {
            if (!chunk.hasRemaining()) {
                digest.update(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putFloat((float) v.get(i));
        }
        digest.update(chunk.array(), 0, chunk.position());
        return HexFormat.of().formatHex(digest.digest());
    }

    public Precision precision() {
        return values().precision();
    }
}

package org.attentionsuite.core.tensor;

/**
 * A row-major matrix window on a {@link Storage}: element {@code (r, c)} lives at
 * {@code offset + r·ld + c}. Column blocks (one attention head inside {@code qkv (N, 3D)}) and
 * parameter slices of the flat parameter buffer are windows, never copies.
 *
 * @param s      the buffer
 * @param offset element index of {@code (0, 0)}
 * @param rows   number of rows
 * @param cols   number of columns
 * @param ld     leading dimension (distance between rows), {@code >= cols}
 */
public record Mat(Storage s, int offset, int rows, int cols, int ld) {
    public Mat {
        if (rows < 0 || cols < 0 || ld < cols) {
            throw new IllegalArgumentException("bad window rows=" + rows + " cols=" + cols + " ld=" + ld);
        }
        if (rows > 0 && cols > 0 && (offset < 0 || offset + (long) (rows - 1) * ld + cols > s.size())) {
            throw new IllegalArgumentException("window [" + offset + ", " + rows + "x" + cols + ", ld " + ld
                    + "] exceeds buffer of " + s.size());
        }
    }

    /** Allocates a fresh zeroed contiguous matrix. */
    public static Mat zeros(Precision p, int rows, int cols) {
        return Storage.allocate(p, Math.max(1L, (long) rows * cols)).mat(0, rows, cols);
    }

    public int index(int r, int c) {
        return offset + r * ld + c;
    }

    public double get(int r, int c) {
        return s.get(offset + r * ld + c);
    }

    public void set(int r, int c, double v) {
        s.set(offset + r * ld + c, v);
    }

    public void add(int r, int c, double v) {
        s.add(offset + r * ld + c, v);
    }

    public Precision precision() {
        return s.precision();
    }

    /** Whether rows follow each other with no gap. */
    public boolean contiguous() {
        return ld == cols || rows <= 1;
    }

    /** Rows {@code [from, from + n)}. */
    public Mat rows(int from, int n) {
        return new Mat(s, offset + from * ld, n, cols, ld);
    }

    /** Columns {@code [from, from + n)} of every row. */
    public Mat cols(int from, int n) {
        return new Mat(s, offset + from, rows, n, ld);
    }

    /** Same elements seen as {@code rows x cols}; only for contiguous windows. */
    public Mat reshape(int newRows, int newCols) {
        if (!contiguous() || (long) newRows * newCols != (long) rows * cols) {
            throw new IllegalArgumentException("cannot reshape " + rows + "x" + cols + " to " + newRows + "x" + newCols);
        }
        return new Mat(s, offset, newRows, newCols, newCols);
    }

    public void fill(double v) {
        for (int r = 0; r < rows; r++) {
            int o = offset + r * ld;
            for (int c = 0; c < cols; c++) {
                s.set(o + c, v);
            }
        }
    }

    public void zero() {
        if (Simd.eligible(this)) {
            Elementwise.zero(this);
        } else if (contiguous()) {
            s.zero(offset, rows * cols);
        } else {
            for (int r = 0; r < rows; r++) {
                s.zero(offset + r * ld, cols);
            }
        }
    }

    /** Copies {@code src} (same shape) into this window. */
    public void copyFrom(Mat src) {
        checkSameShape(src);
        if (Simd.eligible(this, src)) {
            Elementwise.axpy(src, this, 1f, true);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = offset + r * ld;
            int so = src.offset + r * src.ld;
            for (int c = 0; c < cols; c++) {
                s.set(o + c, src.s.get(so + c));
            }
        }
    }

    /** {@code this += alpha · src}, same shape. */
    public void addScaled(Mat src, double alpha) {
        checkSameShape(src);
        if (Simd.eligible(this, src)) {
            Elementwise.axpy(src, this, (float) alpha, false);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = offset + r * ld;
            int so = src.offset + r * src.ld;
            for (int c = 0; c < cols; c++) {
                s.set(o + c, s.get(o + c) + alpha * src.s.get(so + c));
            }
        }
    }

    /** A copy as a plain Java array (row-major), for tests and serialisation. */
    public double[] toArray() {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = get(r, c);
            }
        }
        return out;
    }

    void checkSameShape(Mat o) {
        if (o.rows != rows || o.cols != cols) {
            throw new IllegalArgumentException("shape mismatch " + rows + "x" + cols + " vs " + o.rows + "x" + o.cols);
        }
    }
}

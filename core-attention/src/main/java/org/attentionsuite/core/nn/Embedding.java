package org.attentionsuite.core.nn;

import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Storage;

/** A learned lookup table {@code E (K, D)}: row {@code k} is the vector of id {@code k}. */
public final class Embedding {
    private final Param table;

    public Embedding(Params params, String name, int count, int dim, double initStd) {
        table = params.add(name, count, dim, Init.normal(initStd));
    }

    public Param table() {
        return table;
    }

    public int count() {
        return table.rows();
    }

    /** {@code x[r] = E[ids[r]]}, or {@code x[r] += E[ids[r]]} when accumulating; {@code x (N, D)}. */
    public void forward(int[] ids, Mat x, boolean accumulate) {
        Mat e = table.value();
        Storage es = e.s();
        Storage xs = x.s();
        int d = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            int id = ids[r];
            if (id < 0 || id >= e.rows()) {
                throw new IllegalArgumentException("id " + id + " outside table " + table.name() + " of " + e.rows());
            }
            int eo = e.index(id, 0);
            int xo = x.index(r, 0);
            for (int j = 0; j < d; j++) {
                xs.set(xo + j, (accumulate ? xs.get(xo + j) : 0) + es.get(eo + j));
            }
        }
    }

    /** {@code dE[ids[r]] += dx[r]}. */
    public void backward(int[] ids, Mat dx) {
        Mat g = table.grad();
        Storage gs = g.s();
        Storage ds = dx.s();
        int d = dx.cols();
        for (int r = 0; r < dx.rows(); r++) {
            int go = g.index(ids[r], 0);
            int xo = dx.index(r, 0);
            for (int j = 0; j < d; j++) {
                gs.set(go + j, gs.get(go + j) + ds.get(xo + j));
            }
        }
    }
}

package org.attentionsuite.music.attention;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.nn.Init;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;

/**
 * The learned relative-position table of one layer (Huang et al. 2018 §3.4; Shaw et al. 2018).
 *
 * <p>Row {@code d} of a head's table is {@code E[d] (Dh)}, the embedding of the query-to-key distance
 * {@code d = i − j ≥ 0}. Distances {@code d ≥ R} are clipped to the last row {@code R − 1}. The one
 * registered parameter is {@code (H·R, Dh)} with head {@code h} at rows {@code [h·R, (h+1)·R)}, or
 * {@code (R, Dh)} when the heads share one table. Initialised {@code N(0, 1/Dh)}.
 */
final class RelativeTable {
    /** Parameter name suffix after the layer's prefix. */
    static final String SUFFIX = ".relative";

    private final Param param;
    private final int distances;
    private final boolean shared;

    /**
     * Registers the table in the context's parameters.
     *
     * @param distances {@code R}, the number of rows per head ({@code > 0})
     */
    RelativeTable(AttentionContext context, int distances, boolean shared) {
        if (distances <= 0) {
            throw new UserError("relative table needs at least one row, got " + distances);
        }
        this.distances = distances;
        this.shared = shared;
        int dh = context.headDim();
        int tables = shared ? 1 : context.heads();
        this.param = context.params().add(context.name() + SUFFIX, tables * distances, dh,
                Init.normal(1.0 / Math.sqrt(dh)));
    }

    /**
     * Validates {@code spec} against the layer, then registers its table of
     * {@link RelativeSpec#distances} rows in the layer's parameters.
     */
    static RelativeTable register(AttentionContext context, RelativeSpec spec) {
        spec.validate(context.maxLength(), context.dModel(), context.heads());
        return new RelativeTable(context, spec.distances(context.maxLength()), spec.sharedAcrossHeads());
    }

    /**
     * {@code R} of a spec: its {@code maxRelativeDistance}, or {@code fallback} when that is {@code 0}
     * (the spec's "as many as can be used").
     */
    static int distances(int maxRelativeDistance, int fallback) {
        return maxRelativeDistance > 0 ? maxRelativeDistance : fallback;
    }

    /**
     * The check every relative spec makes in {@code validate}: with {@code maxRelativeDistance} 0 the
     * table is sized from {@code maxLength}, which must then be positive.
     */
    static void checkSizable(int maxRelativeDistance, int maxLength) {
        if (maxRelativeDistance == 0 && maxLength <= 0) {
            throw new UserError("maxLength (" + maxLength
                    + ") must be positive to size the relative table when maxRelativeDistance is 0");
        }
    }

    /**
     * The table part of a spec's label, e.g. {@code "R=64, per-head"}; {@code fallback} names {@code R}
     * when {@code maxRelativeDistance} is 0 (e.g. {@code "maxLength"}).
     */
    static String label(int maxRelativeDistance, String fallback, boolean shared) {
        return "R=" + (maxRelativeDistance > 0 ? maxRelativeDistance : fallback)
                + (shared ? ", shared" : ", per-head");
    }

    /** The registered parameter {@code (H·R, Dh)} or {@code (R, Dh)}. */
    Param param() {
        return param;
    }

    /** {@code R}. */
    int distances() {
        return distances;
    }

    /** The table row used for distance {@code d ≥ 0}: {@code min(d, R − 1)}. */
    int row(int distance) {
        return Math.min(distance, distances - 1);
    }

    /** Head {@code h}'s table {@code E_h (R, Dh)}. */
    Mat values(int h) {
        return param.value().rows(shared ? 0 : h * distances, distances);
    }

    /** Head {@code h}'s gradient window {@code dE_h (R, Dh)}. */
    Mat grads(int h) {
        return param.grad().rows(shared ? 0 : h * distances, distances);
    }

    /**
     * Gathers head {@code h}'s table in reversed distance order, clipped: {@code er (N, Dh)} gets
     * row {@code r = E_h[min(N − 1 − r, R − 1)]}. The last {@code w} rows of {@code er} then serve any
     * key window of width {@code w} (column {@code r} of {@code Q·Erᵀ} is distance {@code w − 1 − r}).
     */
    void gatherReversed(int h, Mat er) {
        Mat table = values(h);                                     // (R, Dh)
        int n = er.rows();
        for (int r = 0; r < n; r++) {
            er.rows(r, 1).copyFrom(table.rows(row(n - 1 - r), 1));
        }
    }

    /** Adjoint of {@link #gatherReversed}: {@code dE_h[min(N − 1 − r, R − 1)] += der[r]}. */
    void scatterReversed(int h, Mat der) {
        Mat grad = grads(h);                                       // (R, Dh)
        int n = der.rows();
        for (int r = 0; r < n; r++) {
            grad.rows(row(n - 1 - r), 1).addScaled(der.rows(r, 1), 1.0);
        }
    }
}

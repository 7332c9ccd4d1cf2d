package org.attentionsuite.core.model;

import org.attentionsuite.core.UserError;

/**
 * The width, depth and regularisation of a decoder: the one place where "heads must divide
 * d_model" is checked. The feed-forward width is {@code F = 4·D} (Vaswani et al. 2017) unless
 * given, e.g. to match another model's parameter count.
 *
 * @param dModel  model width {@code D}
 * @param heads   attention heads {@code H}; must divide {@code D}
 * @param layers  decoder blocks
 * @param dropout dropout on embeddings and residual branches, in {@code [0, 1)}
 * @param ffnDim  feed-forward width {@code F}
 */
public record ModelSize(int dModel, int heads, int layers, double dropout, int ffnDim) {
    /** A size with the usual feed-forward width {@code F = 4·D}. */
    public ModelSize(int dModel, int heads, int layers, double dropout) {
        this(dModel, heads, layers, dropout, 4 * dModel);
    }

    public ModelSize {
        if (dModel <= 0 || heads <= 0 || layers <= 0) {
            throw new UserError("--d-model (" + dModel + "), --heads (" + heads + ") and --layers (" + layers
                    + ") must be positive");
        }
        if (dModel % heads != 0) {
            throw new UserError("--heads (" + heads + ") must divide --d-model (" + dModel + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new UserError("--dropout (" + dropout + ") must be in [0, 1)");
        }
        if (ffnDim <= 0) {
            throw new UserError("--d-ff (" + ffnDim + ") must be positive");
        }
    }

    /** D 64, 4 heads, 2 layers, no dropout: learns something in a minute on two cores. */
    public static ModelSize micro() {
        return new ModelSize(64, 4, 2, 0.0);
    }

    /** D 128, 4 heads, 2 layers, no dropout (the benchmark's {@code music-tiny} and {@code image-tiny} shape). */
    public static ModelSize tiny() {
        return micro().withDModel(128);
    }

    /** D 256, 8 heads, 4 layers, no dropout (the benchmark's {@code music-small} shape). */
    public static ModelSize small() {
        return tiny().withDModel(256).withHeads(8).withLayers(4);
    }

    /** Head width {@code Dh = D/H}. */
    public int headDim() {
        return dModel / heads;
    }

    /** The width {@code d}, with the feed-forward width {@code 4·d}. */
    public ModelSize withDModel(int d) {
        return new ModelSize(d, heads, layers, dropout);
    }

    public ModelSize withHeads(int h) {
        return new ModelSize(dModel, h, layers, dropout, ffnDim);
    }

    public ModelSize withLayers(int n) {
        return new ModelSize(dModel, heads, n, dropout, ffnDim);
    }

    public ModelSize withDropout(double p) {
        return new ModelSize(dModel, heads, layers, p, ffnDim);
    }

    public ModelSize withFfnDim(int f) {
        return new ModelSize(dModel, heads, layers, dropout, f);
    }
}

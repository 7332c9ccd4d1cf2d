package org.attentionsuite.music.train;

import org.attentionsuite.core.UserError;

/**
 * The width and depth of a music model, validated on construction. The feed-forward width is
 * derived: {@code 4·dModel}.
 *
 * @param dModel  model width {@code D}
 * @param heads   attention heads {@code H} (must divide {@code D})
 * @param layers  decoder blocks
 * @param dropout dropout on embeddings and residual branches, in {@code [0, 1)}
 */
public record ModelSize(int dModel, int heads, int layers, double dropout) {
    public ModelSize {
        if (dModel <= 0 || heads <= 0 || layers <= 0) {
            throw new UserError("d_model (" + dModel + "), heads (" + heads + ") and layers ("
                    + layers + ") must be positive");
        }
        if (dModel % heads != 0) {
            throw new UserError("heads (" + heads + ") must divide d_model (" + dModel + ")");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new UserError("dropout (" + dropout + ") must be in [0, 1)");
        }
    }

    /** A model that learns something in a minute on two cores: D 64, 4 heads, 2 layers, no dropout. */
    public static ModelSize micro() {
        return new ModelSize(64, 4, 2, 0.0);
    }

    /** The suite's {@code music-tiny} shape: D 128, 4 heads, 2 layers, dropout 0.1. */
    public static ModelSize tiny() {
        return micro().withDModel(128).withDropout(0.1);
    }

    /** The suite's {@code music-small} shape: D 256, 8 heads, 4 layers, dropout 0.1. */
    public static ModelSize small() {
        return tiny().withDModel(256).withHeads(8).withLayers(4);
    }

    /** Feed-forward width {@code F = 4·D}. */
    public int ffnDim() {
        return 4 * dModel;
    }

    public ModelSize withDModel(int d) {
        return new ModelSize(d, heads, layers, dropout);
    }

    public ModelSize withHeads(int h) {
        return new ModelSize(dModel, h, layers, dropout);
    }

    public ModelSize withLayers(int n) {
        return new ModelSize(dModel, heads, n, dropout);
    }

    public ModelSize withDropout(double p) {
        return new ModelSize(dModel, heads, layers, p);
    }

    @Override
    public String toString() {
        return "d_model " + dModel + ", " + heads + " heads, " + layers + " layers, ffn " + ffnDim() + ", dropout "
                + dropout;
    }
}

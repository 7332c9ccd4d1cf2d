package org.attentionsuite.image.model;

import org.attentionsuite.core.UserError;

/**
 * The size of an Image Transformer: width, heads and depth; the feed-forward width is derived
 * ({@code 4·dModel}, as in the Transformer).
 *
 * @param dModel model width D
 * @param heads  attention heads (must divide D)
 * @param layers decoder blocks
 */
public record ModelSize(int dModel, int heads, int layers) {

    /** Validates the sizes with messages that name the option. */
    public ModelSize {
        if (dModel <= 0 || heads <= 0 || layers <= 0) {
            throw new UserError("d_model (" + dModel + "), heads (" + heads + ") and layers (" + layers
                    + ") must be positive");
        }
        if (dModel % heads != 0) {
            throw new UserError("heads (" + heads + ") must divide d_model (" + dModel + ")");
        }
    }

    /** d 64, 4 heads, 2 layers: trains in a minute on a laptop. */
    public static ModelSize tiny() {
        return new ModelSize(64, 4, 2);
    }

    /** d 128, 4 heads, 4 layers. */
    public static ModelSize small() {
        return tiny().withDModel(128).withLayers(4);
    }

    /** Feed-forward width {@code F = 4·D}. */
    public int ffnDim() {
        return 4 * dModel;
    }

    public ModelSize withDModel(int d) {
        return new ModelSize(d, heads, layers);
    }

    public ModelSize withHeads(int h) {
        return new ModelSize(dModel, h, layers);
    }

    public ModelSize withLayers(int n) {
        return new ModelSize(dModel, heads, n);
    }
}

package org.attentionsuite.core.attention;

import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Precision;

/**
 * What a variant needs to build itself inside one layer.
 *
 * @param name      parameter name prefix of the layer (e.g. {@code "block3.attn"})
 * @param dModel    model width {@code D}
 * @param heads     number of heads {@code H}; {@code D/H} is the head width
 * @param maxLength longest sequence the model accepts
 * @param params    where the variant registers its own parameters (e.g. relative tables)
 * @param precision arithmetic precision
 */
public record AttentionContext(String name, int dModel, int heads, int maxLength, Params params,
        Precision precision) {
    public AttentionContext {
        QkvLayout.checkHeads(dModel, heads);
    }

    /** Head width {@code Dh = D / H}. */
    public int headDim() {
        return dModel / heads;
    }
}

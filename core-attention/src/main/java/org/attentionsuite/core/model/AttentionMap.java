package org.attentionsuite.core.model;

import org.attentionsuite.core.UserError;

/**
 * Where a model's attention looks in one sequence: for one query position, the attention
 * probabilities of every layer and head over the positions up to it, read after one forward pass
 * ({@link org.attentionsuite.core.attention.Attention#weights}).
 *
 * @param query   the query position
 * @param weights {@code [layer][head][key]} for keys {@code 0..query}; each row sums to 1
 */
public record AttentionMap(int query, double[][][] weights) {
    /**
     * Runs {@code model} over {@code inputs} (one sequence, at most the model's maximum length) and
     * reads the weights of {@code query} in every layer. The forward pass overwrites the model's
     * activations, so callers use a model for one thing at a time.
     *
     * @param condition the class of the sequence for a class-conditional model (ignored otherwise)
     * @throws UserError when the sequence is empty, holds an id the model does not know, or
     *                   {@code query} is not one of its positions (the sequence may come from a user)
     */
    public static AttentionMap of(DecoderModel model, int[] inputs, int condition, int query) {
        int l = inputs.length;
        if (l == 0) {
            throw new UserError("no tokens to look at");
        }
        int vocab = model.config().vocabSize();
        for (int p = 0; p < l; p++) {
            if (inputs[p] < 0 || inputs[p] >= vocab) {
                throw new UserError("token " + inputs[p] + " at position " + p + " is not one of the model's ids 0.."
                        + (vocab - 1));
            }
        }
        if (query < 0 || query >= l) {
            throw new UserError("query position " + query + " is outside the sequence (0.." + (l - 1) + ")");
        }
        int[] conditions = model.config().conditionClasses() > 0 ? new int[] {condition} : null;
        model.forward(new Batch(inputs, new int[l], 1, l, conditions), false);
        double[][][] w = new double[model.config().layers()][][];
        for (int layer = 0; layer < w.length; layer++) {
            w[layer] = model.attentionWeights(layer, 0, query);                 // (H, query + 1)
        }
        return new AttentionMap(query, w);
    }

    public int layers() {
        return weights.length;
    }

    public int heads() {
        return weights[0].length;
    }

    /** The weights of {@code layer} averaged over its heads: {@code (query + 1)}. */
    public double[] mean(int layer) {
        double[] m = new double[query + 1];
        for (double[] head : weights[layer]) {
            for (int j = 0; j <= query; j++) {
                m[j] += head[j] / heads();
            }
        }
        return m;
    }
}

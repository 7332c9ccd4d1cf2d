package org.attentionsuite.core.model;

import java.util.Random;
import org.attentionsuite.core.attention.Attention;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.attention.AttentionContext;
import org.attentionsuite.core.nn.Dropout;
import org.attentionsuite.core.nn.FeedForward;
import org.attentionsuite.core.nn.LayerNorm;
import org.attentionsuite.core.nn.Linear;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * One Transformer decoder block: masked multi-head self-attention and a position-wise feed-forward
 * network, each with a residual connection and layer norm. Subclasses place the norm
 * ({@link PreNormBlock}, {@link PostNormBlock}).
 */
abstract class DecoderBlock {
    final Linear qkvProj;   // (D, 3D)
    final Attention attention;
    final Linear outProj;   // (D, D)
    final LayerNorm ln1;
    final LayerNorm ln2;
    final FeedForward ffn;
    final Dropout dropout;
    final int dModel;

    DecoderBlock(ModelConfig c, int index, Params params, Precision precision) {
        String name = "block" + index;
        double std = 0.02;
        double residualStd = 0.02 / Math.sqrt(2.0 * c.layers()); // GPT-2 scaling of residual projections
        dModel = c.dModel();
        ln1 = new LayerNorm(params, name + ".ln1", c.dModel());
        qkvProj = new Linear(params, name + ".qkv", c.dModel(), 3 * c.dModel(), true, std);
        attention = c.attention().create(new AttentionContext(name + ".attn", c.dModel(), c.heads(), c.maxLength(),
                params, precision));
        outProj = new Linear(params, name + ".proj", c.dModel(), c.dModel(), true, residualStd);
        ln2 = new LayerNorm(params, name + ".ln2", c.dModel());
        ffn = new FeedForward(params, name + ".ffn", c.dModel(), c.ffnDim(), c.activation(), std, residualStd);
        dropout = new Dropout(c.dropout());
    }

    BlockBuffers newBuffers(Precision p, int rows, boolean withBackward) {
        return new BlockBuffers(p, rows, dModel, ffn, withBackward);
    }

    /** {@code out (N, D)} from {@code in (N, D)}; {@code in} is kept unchanged for backward. */
    abstract void forward(Mat in, Mat out, BlockBuffers a, int batch, int length, boolean training, Random rng);

    /**
     * From {@code dOut (N, D)} writes {@code dIn (N, D)}, accumulating parameter gradients. May use
     * {@code dOut} as scratch: the caller must not need it afterwards.
     */
    abstract void backward(Mat in, Mat dOut, Mat dIn, BlockBuffers a, int batch, int length, boolean training);

    /** One decoding step on {@code in (B, D)} → {@code out (B, D)}. */
    abstract void step(Mat in, Mat out, BlockBuffers a, AttentionCache cache);
}

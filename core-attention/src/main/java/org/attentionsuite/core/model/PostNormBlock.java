package org.attentionsuite.core.model;

import java.util.Random;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * The original Transformer's placement (Vaswani et al. 2017, §3.1):
 * {@code m = LN1(x + Drop(Attn(x)))}, {@code y = LN2(m + Drop(FFN(m)))}. Buffer use: {@code h1}
 * holds {@code x + Drop(Attn(x))}, {@code mid} holds {@code m}, {@code h2} holds
 * {@code m + Drop(FFN(m))}.
 */
final class PostNormBlock extends DecoderBlock {
    PostNormBlock(ModelConfig c, int index, Params params, Precision precision) {
        super(c, index, params, precision);
    }

    @Override
    void forward(Mat in, Mat out, BlockBuffers a, int batch, int length, boolean training, Random rng) {
        qkvProj.forward(in, a.qkv, false);                              // (N, 3D)
        attention.forward(a.qkv, a.att, batch, length);                 // (N, D)
        outProj.forward(a.att, a.proj, false);
        if (dropout.active(training)) {
            dropout.forward(a.proj, a.mask1, rng);
        }
        a.h1.copyFrom(in);
        a.h1.addScaled(a.proj, 1.0);
        ln1.forward(a.h1, a.mid, a.ln1);                                // m (N, D)
        ffn.forward(a.mid, a.ff, a.ffSaved, false);
        if (dropout.active(training)) {
            dropout.forward(a.ff, a.mask2, rng);
        }
        a.h2.copyFrom(a.mid);
        a.h2.addScaled(a.ff, 1.0);
        ln2.forward(a.h2, out, a.ln2);
    }

    @Override
    void backward(Mat in, Mat dOut, Mat dIn, BlockBuffers a, int batch, int length, boolean training) {
        Mat dSum2 = a.dH;                                               // d(m + FFN(m))
        dSum2.zero();
        ln2.backward(dOut, a.h2, a.ln2, dSum2);
        a.dMid.copyFrom(dSum2);                                         // residual path into m
        Mat dff = a.dAtt;
        dff.copyFrom(dSum2);
        if (dropout.active(training)) {
            dropout.backward(dff, a.mask2);
        }
        ffn.backward(a.mid, dff, a.ffSaved, a.dHidden, a.dMid, true);   // dMid += FFN'ᵀ …
        Mat dSum1 = a.dH;                                               // d(x + Attn(x))
        dSum1.zero();
        ln1.backward(a.dMid, a.h1, a.ln1, dSum1);
        dIn.copyFrom(dSum1);
        Mat dProj = a.dMid;
        dProj.copyFrom(dSum1);
        if (dropout.active(training)) {
            dropout.backward(dProj, a.mask1);
        }
        outProj.backward(a.att, dProj, a.dAtt, false);
        attention.backward(a.dAtt, a.dqkv);
        qkvProj.backward(in, a.dqkv, dIn, true);                        // dIn += Wqkvᵀ …
    }

    @Override
    void step(Mat in, Mat out, BlockBuffers a, AttentionCache cache) {
        qkvProj.forward(in, a.qkv, false);
        attention.step(a.qkv, a.att, cache);
        outProj.forward(a.att, a.proj, false);
        a.h1.copyFrom(in);
        a.h1.addScaled(a.proj, 1.0);
        ln1.forward(a.h1, a.mid, a.ln1);
        ffn.forward(a.mid, a.ff, a.ffSaved, false);
        a.h2.copyFrom(a.mid);
        a.h2.addScaled(a.ff, 1.0);
        ln2.forward(a.h2, out, a.ln2);
    }
}

package org.attentionsuite.core.model;

import java.util.Random;
import org.attentionsuite.core.attention.AttentionCache;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/** {@code m = x + Drop(Attn(LN1(x)))}, {@code y = m + Drop(FFN(LN2(m)))}. */
final class PreNormBlock extends DecoderBlock {
    PreNormBlock(ModelConfig c, int index, Params params, Precision precision) {
        super(c, index, params, precision);
    }

    @Override
    void forward(Mat in, Mat out, BlockBuffers a, int batch, int length, boolean training, Random rng) {
        boolean drop = dropout.active(training);
        ln1.forward(in, a.h1, a.ln1);                                   // (N, D)
        qkvProj.forward(a.h1, a.qkv, false);                            // (N, 3D)
        attention.forward(a.qkv, a.att, batch, length);                 // (N, D)
        a.mid.copyFrom(in);                                             // residual
        if (drop) {
            outProj.forward(a.att, a.proj, false);                      // (N, D)
            dropout.forward(a.proj, a.mask1, rng);
            a.mid.addScaled(a.proj, 1.0);
        } else {
            outProj.forward(a.att, a.mid, true);                        // mid += att·Wo + bo (GEMM β = 1)
        }
        ln2.forward(a.mid, a.h2, a.ln2);
        out.copyFrom(a.mid);                                            // residual
        if (drop) {
            ffn.forward(a.h2, a.ff, a.ffSaved, false);                  // (N, D)
            dropout.forward(a.ff, a.mask2, rng);
            out.addScaled(a.ff, 1.0);
        } else {
            ffn.forward(a.h2, out, a.ffSaved, true);                    // out += FFN(h2)
        }
    }

    /** {@inheritDoc} Without dropout, {@code dOut} is reused as scratch (it becomes dMid). */
    @Override
    void backward(Mat in, Mat dOut, Mat dIn, BlockBuffers a, int batch, int length, boolean training) {
        boolean drop = dropout.active(training);
        Mat dMid;
        if (drop) {
            // feed-forward branch: dMid = dOut + LN2'ᵀ FFN'ᵀ Drop(dOut)
            a.dMid.copyFrom(dOut);
            Mat dff = a.dAtt;                                            // scratch (N, D)
            dff.copyFrom(dOut);
            dropout.backward(dff, a.mask2);
            ffn.backward(a.h2, dff, a.ffSaved, a.dHidden, a.dH, false); // dH = d LN2 output
            dMid = a.dMid;
        } else {
            ffn.backward(a.h2, dOut, a.ffSaved, a.dHidden, a.dH, false); // reads dOut
            dMid = dOut;                                                // dOut is dMid from here on
        }
        ln2.backward(a.dH, a.mid, a.ln2, dMid);                         // dMid += …
        // attention branch: dIn = dMid + LN1'ᵀ Wqkvᵀ Attn'ᵀ Woᵀ Drop(dMid)
        dIn.copyFrom(dMid);
        Mat dProj = dMid;
        if (drop) {
            dProj = a.dH;
            dProj.copyFrom(dMid);
            dropout.backward(dProj, a.mask1);
        }
        outProj.backward(a.att, dProj, a.dAtt, false);                  // dAtt (N, D)
        attention.backward(a.dAtt, a.dqkv);                             // dqkv (N, 3D)
        qkvProj.backward(a.h1, a.dqkv, a.dH, false);                    // dH = d LN1 output
        ln1.backward(a.dH, in, a.ln1, dIn);                             // dIn += …
    }

    @Override
    void step(Mat in, Mat out, BlockBuffers a, AttentionCache cache) {
        ln1.forward(in, a.h1, a.ln1);
        qkvProj.forward(a.h1, a.qkv, false);                            // (B, 3D)
        attention.step(a.qkv, a.att, cache);                            // (B, D)
        a.mid.copyFrom(in);
        outProj.forward(a.att, a.mid, true);                            // mid += att·Wo + bo
        ln2.forward(a.mid, a.h2, a.ln2);
        out.copyFrom(a.mid);
        ffn.forward(a.h2, out, a.ffSaved, true);                        // out += FFN(h2)
    }
}

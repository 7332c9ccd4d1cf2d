package org.attentionsuite.core.model;

import org.attentionsuite.core.nn.FeedForward;
import org.attentionsuite.core.nn.LayerNorm;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;

/**
 * Activations of one block for {@code N} rows, allocated once and reused every step (no per-step
 * allocation of large arrays). A training model holds one per block; decoding holds one with
 * {@code N = B}.
 */
final class BlockBuffers {
    final int rows;
    final Mat h1;      // (N, D)  LN1 output (pre-norm) / attention input
    final Mat qkv;     // (N, 3D)
    final Mat att;     // (N, D)  attention heads
    final Mat proj;    // (N, D)  output projection
    final Mat mid;     // (N, D)  residual stream after attention
    final Mat h2;      // (N, D)  LN2 output (pre-norm) / pre-LN sum (post-norm)
    final Mat ff;      // (N, D)  feed-forward output
    final Mat mask1;   // (N, D)  dropout masks
    final Mat mask2;   // (N, D)
    final LayerNorm.Saved ln1;
    final LayerNorm.Saved ln2;
    final FeedForward.Saved ffSaved;
    // backward scratch
    final Mat dqkv;    // (N, 3D)
    final Mat dAtt;    // (N, D)
    final Mat dH;      // (N, D)
    final Mat dMid;    // (N, D)
    final Mat dHidden; // (N, F)

    BlockBuffers(Precision p, int rows, int d, FeedForward ffn, boolean withBackward) {
        this.rows = rows;
        h1 = Mat.zeros(p, rows, d);
        qkv = Mat.zeros(p, rows, 3 * d);
        att = Mat.zeros(p, rows, d);
        proj = Mat.zeros(p, rows, d);
        mid = Mat.zeros(p, rows, d);
        h2 = Mat.zeros(p, rows, d);
        ff = Mat.zeros(p, rows, d);
        mask1 = Mat.zeros(p, rows, d);
        mask2 = Mat.zeros(p, rows, d);
        ln1 = new LayerNorm.Saved(rows);
        ln2 = new LayerNorm.Saved(rows);
        ffSaved = ffn.newSaved(p, rows);
        dqkv = withBackward ? Mat.zeros(p, rows, 3 * d) : null;
        dAtt = withBackward ? Mat.zeros(p, rows, d) : null;
        dH = withBackward ? Mat.zeros(p, rows, d) : null;
        dMid = withBackward ? Mat.zeros(p, rows, d) : null;
        dHidden = withBackward ? Mat.zeros(p, rows, ffn.hidden()) : null;
    }
}

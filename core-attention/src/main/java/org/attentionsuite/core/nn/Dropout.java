package org.attentionsuite.core.nn;

import java.util.Random;
import org.attentionsuite.core.tensor.Elementwise;
import org.attentionsuite.core.tensor.Mat;

/**
 * Inverted dropout: in training, each element is kept with probability {@code 1 − rate} and scaled
 * by {@code 1/(1 − rate)}; the mask is kept so backward applies the same one.
 */
public final class Dropout {
    private final double rate;

    public Dropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate " + rate + " must be in [0, 1)");
        }
        this.rate = rate;
    }

    public boolean active(boolean training) {
        return training && rate > 0;
    }

    /** Draws a fresh mask into {@code mask} and applies it to {@code x} in place. */
    public void forward(Mat x, Mat mask, Random rng) {
        double keep = 1.0 / (1.0 - rate);
        for (int r = 0; r < mask.rows(); r++) {
            for (int c = 0; c < mask.cols(); c++) {
                mask.set(r, c, rng.nextDouble() < rate ? 0.0 : keep);
            }
        }
        Elementwise.multiply(x, mask);
    }

    /** Applies the saved mask to the incoming gradient in place. */
    public void backward(Mat dx, Mat mask) {
        Elementwise.multiply(dx, mask);
    }
}

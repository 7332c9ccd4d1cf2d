package org.attentionsuite.image.eval;

import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.nn.Linear;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.tensor.Activations;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Softmax;
import org.attentionsuite.core.train.Adam;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.image.data.ImageSet;

/**
 * A small image classifier on the suite's engine, used to judge samples: an MLP
 * {@code logits = ReLU(x·W1 + b1)·W2 + b2} over the intensities scaled to [0, 1], trained with
 * Adam on softmax cross-entropy. Good enough to recognise a garment (about 88% on Fashion-MNIST's
 * test set); {@link #accuracy} on a sample set with the requested classes says how often a
 * class-conditional model drew what it was asked for.
 *
 * <p>Dimensions: {@code N} images per batch, {@code P = H·W·C} inputs, {@code U} hidden units,
 * {@code K} classes.
 */
public final class ImageClassifier {
    /** Hidden units {@code U}. */
    static final int HIDDEN = 256;
    /** Images per training step. */
    static final int BATCH = 128;

    private final Params params = new Params();
    private final Linear hidden;
    private final Linear output;
    private final int inputs;
    private final int classes;
    private final int height;
    private final int width;
    private final int channels;

    private ImageClassifier(int height, int width, int channels, int classes, long seed) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.inputs = height * width * channels;
        this.classes = classes;
        hidden = new Linear(params, "hidden", inputs, HIDDEN, true, Math.sqrt(2.0 / inputs));
        output = new Linear(params, "output", HIDDEN, classes, true, Math.sqrt(1.0 / HIDDEN));
        params.allocate(Precision.FLOAT32, seed);
    }

    /**
     * Trains a classifier on the labelled {@code train} images for {@code epochs} passes in a
     * fixed shuffled order of {@code seed} (same seed, same classifier).
     */
    public static ImageClassifier train(ImageSet train, int classes, int epochs, long seed) {
        if (!train.hasLabels()) {
            throw new UserError("the classifier needs labelled images (IDX or CIFAR-10 data)");
        }
        ImageClassifier c = new ImageClassifier(train.height(), train.width(), train.channels(), classes, seed);
        Adam adam = new Adam(c.params);
        long steps = (long) epochs * ((train.count() + BATCH - 1) / BATCH);
        TrainConfig tc = TrainConfig.of(steps, new LearningRateSchedule.Cosine(1e-3, 0, steps, 1e-4), seed);
        Mat x = Mat.zeros(Precision.FLOAT32, BATCH, c.inputs);                 // (N, P)
        Mat h = Mat.zeros(Precision.FLOAT32, BATCH, HIDDEN);                   // (N, U)
        Mat logits = Mat.zeros(Precision.FLOAT32, BATCH, classes);             // (N, K)
        Mat dh = Mat.zeros(Precision.FLOAT32, BATCH, HIDDEN);                  // (N, U)
        Random rng = new Random(seed);
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(train.count(), rng);
            for (int from = 0; from < order.length; from += BATCH) {
                int n = Math.min(BATCH, order.length - from);
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    c.load(train, order[from + i], x, i);
                    labels[i] = train.label(order[from + i]);
                }
                Mat xb = x.rows(0, n);
                Mat hb = h.rows(0, n);
                Mat lb = logits.rows(0, n);
                c.params.zeroGrads();
                c.hidden.forwardNoBias(xb, hb);
                Activations.biasRelu(hb, c.hidden.bias().value());                // (N, U)
                c.output.forward(hb, lb, false);                               // (N, K)
                Softmax.crossEntropy(lb, labels, 1.0 / n);              // logits become dLoss/dlogits
                Mat dhb = dh.rows(0, n);
                c.output.backward(hb, lb, dhb, false);                         // (N, U)
                Activations.reluBackward(dhb, hb);
                c.hidden.backward(xb, dhb, null, false);
                step++;
                adam.update(tc, step, tc.schedule().rate(step), adam.gradientNorm());
            }
        }
        return c;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Row {@code row} of {@code x} = image {@code image} scaled to [0, 1]. */
    private void load(ImageSet set, int image, Mat x, int row) {
        for (int i = 0; i < inputs; i++) {
            x.set(row, i, set.intensity(image, i) / 255.0);
        }
    }

    /** The most likely class of every image of {@code set} (which must have this classifier's geometry). */
    public int[] classify(ImageSet set) {
        if (set.height() != height || set.width() != width || set.channels() != channels) {
            throw new UserError("images of " + set.height() + "x" + set.width() + "x" + set.channels()
                    + " for a classifier of " + height + "x" + width + "x" + channels);
        }
        int[] out = new int[set.count()];
        Mat x = Mat.zeros(Precision.FLOAT32, BATCH, inputs);
        Mat h = Mat.zeros(Precision.FLOAT32, BATCH, HIDDEN);
        Mat logits = Mat.zeros(Precision.FLOAT32, BATCH, classes);
        for (int from = 0; from < set.count(); from += BATCH) {
            int n = Math.min(BATCH, set.count() - from);
            for (int i = 0; i < n; i++) {
                load(set, from + i, x, i);
            }
            Mat hb = h.rows(0, n);
            hidden.forwardNoBias(x.rows(0, n), hb);
            Activations.biasRelu(hb, hidden.bias().value());
            output.forward(hb, logits.rows(0, n), false);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int k = 1; k < classes; k++) {
                    if (logits.get(i, k) > logits.get(i, best)) {
                        best = k;
                    }
                }
                out[from + i] = best;
            }
        }
        return out;
    }

    /** The fraction of {@code set}'s images classified as {@code wanted[i]} (their labels, for a test set). */
    public double accuracy(ImageSet set, int[] wanted) {
        int[] got = classify(set);
        int right = 0;
        for (int i = 0; i < got.length; i++) {
            right += got[i] == wanted[i] ? 1 : 0;
        }
        return got.length == 0 ? Double.NaN : right / (double) got.length;
    }

    /** The fraction of a labelled set classified as its labels. */
    public double accuracy(ImageSet labelled) {
        return accuracy(labelled, labelled.labels());
    }
}

package org.attentionsuite.image.train;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.image.ImageDataException;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;

/**
 * Teacher-forcing batches of whole images for the Image Transformer.
 *
 * <p>An image becomes its {@code L = H·W·C} intensities {@code s} in the model's
 * {@link ImageOrder} (raster, or block-raster for local 2D attention); the input is the sequence
 * shifted right behind the start id, {@code [START, s_0, …, s_{L−2}]}, and the target is
 * {@code [s_0, …, s_{L−1}]}, so position {@code i} predicts intensity {@code i} from those before
 * it. A training batch draws {@code B} images uniformly with replacement, each mirrored
 * left-to-right with probability ½ when flips are on; validation is every held-out image, in
 * fixed batches. Class-conditional data passes the labels as the batch conditions.
 */
public final class ImageData implements DataSource {
    private final ImageSet train;
    private final ImageSet heldOut;
    private final ImageOrder order;
    private final int batch;
    private final boolean flips;
    private final boolean conditional;
    private final List<Batch> validation;

    /**
     * @param train   training images, at least one, of the order's geometry
     * @param heldOut validation images, at least one, of the same geometry
     * @param order   the sequence order of the model
     * @param batch   images per training and validation batch
     */
    public ImageData(ImageSet train, ImageSet heldOut, ImageOrder order, int batch) {
        this(train, heldOut, order, batch, false, false);
    }

    private ImageData(ImageSet train, ImageSet heldOut, ImageOrder order, int batch, boolean flips,
            boolean conditional) {
        this.train = Objects.requireNonNull(train, "train");
        this.heldOut = Objects.requireNonNull(heldOut, "heldOut");
        this.order = Objects.requireNonNull(order, "order");
        if (batch <= 0) {
            throw new UserError("batch (" + batch + ") must be positive");
        }
        checkFits(train, "training", order);
        checkFits(heldOut, "held-out", order);
        if (conditional) {
            checkLabels(train, "training");
            checkLabels(heldOut, "held-out");
        }
        this.batch = batch;
        this.flips = flips;
        this.conditional = conditional;
        this.validation = Collections.unmodifiableList(validationBatches(heldOut));
    }

    /** A copy that mirrors each training image left-to-right with probability ½ (never the held-out ones). */
    public ImageData withFlips(boolean on) {
        return new ImageData(train, heldOut, order, batch, on, conditional);
    }

    /** A copy whose batches carry the image labels as class conditions (labels must be 0..9). */
    public ImageData withClassConditions(boolean on) {
        return new ImageData(train, heldOut, order, batch, flips, on);
    }

    /** {@code [START, s_0, …, s_{L−2}]}: the model input for sequence {@code s}. */
    public static int[] shiftedInput(int[] sequence) {
        int[] in = new int[sequence.length];
        in[0] = ImageModels.START;
        System.arraycopy(sequence, 0, in, 1, sequence.length - 1);
        return in;
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet heldOut() {
        return heldOut;
    }

    public ImageOrder order() {
        return order;
    }

    public int batch() {
        return batch;
    }

    public boolean flips() {
        return flips;
    }

    public boolean conditional() {
        return conditional;
    }

    /** Image {@code n} of {@code set} as a sequence in the model's order (optionally mirrored first). */
    public int[] sequence(ImageSet set, int image, boolean mirrored) {
        return order.toSequence(mirrored ? set.flipHorizontal(image) : set.sequence(image));
    }

    @Override
    public Batch trainBatch(Random rng) {
        int[] images = new int[batch];
        boolean[] mirrored = new boolean[batch];
        for (int b = 0; b < batch; b++) {
            images[b] = rng.nextInt(train.count());
            mirrored[b] = flips && rng.nextBoolean();
        }
        return batchOf(train, images, mirrored);
    }

    @Override
    public List<Batch> validationBatches() {
        return validation;
    }

    /** SHA-256 of the geometry, order, augmentation and every training and held-out image and label. */
    @Override
    public String fingerprint() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((order.label() + (flips ? " flips" : "") + (conditional ? " conditional" : ""))
                    .getBytes(StandardCharsets.UTF_8));
            for (ImageSet s : List.of(train, heldOut)) {
                md.update(s.pixels());
                int[] labels = s.labels();
                if (labels != null) {
                    ByteBuffer buf = ByteBuffer.allocate(4 * labels.length);
                    buf.asIntBuffer().put(labels);
                    md.update(buf.array());
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Batch> validationBatches(ImageSet set) {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < set.count(); from += batch) {
            int n = Math.min(batch, set.count() - from);
            int[] images = new int[n];
            for (int i = 0; i < n; i++) {
                images[i] = from + i;
            }
            out.add(batchOf(set, images, new boolean[n]));
        }
        return out;
    }

    /** Rows {@code b·L + i}: input = shifted sequence of image {@code b}, target = the sequence. */
    private Batch batchOf(ImageSet set, int[] images, boolean[] mirrored) {
        int l = order.length();
        int n = images.length;
        int[] inputs = new int[n * l];                   // (B·L)
        int[] targets = new int[n * l];                  // (B·L)
        int[] conditions = conditional ? new int[n] : null;
        for (int b = 0; b < n; b++) {
            int[] seq = sequence(set, images[b], mirrored[b]);
            System.arraycopy(shiftedInput(seq), 0, inputs, b * l, l);
            System.arraycopy(seq, 0, targets, b * l, l);
            if (conditional) {
                conditions[b] = set.label(images[b]);
            }
        }
        return new Batch(inputs, targets, n, l, conditions);
    }

    private static void checkFits(ImageSet set, String what, ImageOrder order) {
        if (set.count() == 0) {
            throw new ImageDataException("no " + what + " images");
        }
        if (set.height() != order.height() || set.width() != order.width() || set.channels() != order.channels()) {
            throw new UserError(what + " images are " + set.height() + "x" + set.width() + "x"
                    + set.channels() + ", the model expects " + order.height() + "x" + order.width() + "x"
                    + order.channels());
        }
    }

    private static void checkLabels(ImageSet set, String what) {
        if (!set.hasLabels()) {
            throw new ImageDataException("class conditioning needs labelled images; the " + what
                    + " images have no labels");
        }
        for (int i = 0; i < set.count(); i++) {
            if (set.label(i) >= ImageModels.CLASSES) {
                throw new ImageDataException("class conditioning supports labels 0.." + (ImageModels.CLASSES - 1)
                        + "; " + what + " image " + i + " has label " + set.label(i));
            }
        }
    }
}

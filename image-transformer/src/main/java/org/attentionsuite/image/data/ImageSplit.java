package org.attentionsuite.image.data;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.image.ImageDataException;

/**
 * How a training run divides the images of its source, recorded with the run ({@code --limit},
 * {@code --validation}, {@code --test}, {@code --split-seed}) so that evaluation finds the same
 * parts again: the first {@code limit} images (0 = all) are shuffled with {@code seed}; the last
 * {@code test} of that order are the test images, the {@code validation} before them choose the
 * checkpoint, and the rest train. Each held-out part is at most a fifth of the images but at least
 * one ({@link DataSplit#heldOut}). Without test images this is the split every run before
 * {@code --test} made, so their validation images are unchanged; and the test images depend only
 * on the images, the limit, the test count and the seed, not on the validation count.
 *
 * @param limit      the first this many images of the source are split, 0 = all
 * @param validation images that choose the checkpoint (early stopping), at least 1
 * @param test       images neither training nor the choice of checkpoint sees, 0 = none
 * @param seed       seed of the shuffle
 */
public record ImageSplit(int limit, int validation, int test, long seed) {
    /** The default seed of the shuffle, the one every run used before it could be chosen. */
    public static final long SEED = 2018;

    public ImageSplit {
        if (limit < 0) {
            throw new UserError("--limit (" + limit + ") must be >= 0 (0 = all images)");
        }
        if (validation <= 0) {
            throw new UserError("--validation (" + validation + ") must be positive");
        }
        if (test < 0) {
            throw new UserError("--test (" + test + ") must be >= 0 (0 = no test images)");
        }
    }

    /** {@code validation} held-out images of all {@code limit} images, no test images, the default seed. */
    public static ImageSplit of(int limit, int validation) {
        return new ImageSplit(limit, validation, 0, SEED);
    }

    /**
     * The three parts of a set.
     *
     * @param train      the training images
     * @param validation the images that choose the checkpoint
     * @param test       the test images (none when the split has none)
     */
    public record Parts(ImageSet train, ImageSet validation, ImageSet test) {
        /** The part called {@code split}. */
        public ImageSet get(DataSplit split) {
            return switch (split) {
                case TRAIN -> train;
                case VALID -> validation;
                case TEST -> test;
            };
        }
    }

    /** Splits {@code source}'s images as described above. */
    public Parts apply(ImageSet source) {
        ImageSet all = limit > 0 && limit < source.count() ? source.subset(0, limit) : source;
        int n = all.count();
        int t = test == 0 ? 0 : DataSplit.heldOut(n, test);
        int v = DataSplit.heldOut(n, validation);
        if (n - t - v < 1) {
            throw new ImageDataException("need at least one training and one held-out image, got " + n + " images, "
                    + v + " to validate and " + t + " to test");
        }
        ImageSet.Split heldOut = all.shuffled(seed).split(n - t);                 // (train + validation), test
        ImageSet.Split trainValid = heldOut.first().split(n - t - v);
        return new Parts(trainValid.first(), trainValid.second(), heldOut.second());
    }

    /**
     * The last {@code count} images of the default shuffle of {@code all}: held out by any training on
     * the same images with the default seed that held out at least {@code count} (all of them when the
     * set is not larger).
     */
    public static ImageSet last(ImageSet all, int count) {
        return all.count() > count ? all.shuffled(SEED).split(all.count() - count).second() : all;
    }
}

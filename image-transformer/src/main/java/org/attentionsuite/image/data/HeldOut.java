package org.attentionsuite.image.data;

import org.attentionsuite.image.ImageDataException;

/**
 * Which images of a set are held out from training: the last ones of a fixed shuffle (seed
 * {@value #SPLIT_SEED}), so the same images always give the same split, training holds them out
 * for validation, and {@code image complete} finds images the model never trained on by asking
 * for the same shuffle's last ones.
 */
public final class HeldOut {
    /** Seed of the fixed shuffle that separates held-out images from training images. */
    public static final long SPLIT_SEED = 2018;

    private HeldOut() {
    }

    /** {@code min(requested, max(1, n/5))}: at most a fifth of the images are held out. */
    public static int count(int images, int requested) {
        return Math.min(requested, Math.max(1, images / 5));
    }

    /**
     * Shuffles {@code all} with {@link #SPLIT_SEED} and splits off the last {@code heldOutCount}
     * images: {@code first} trains, {@code second} is held out.
     */
    public static ImageSet.Split split(ImageSet all, int heldOutCount) {
        if (heldOutCount < 1 || heldOutCount >= all.count()) {
            throw new ImageDataException("need at least one training and one held-out image, got " + all.count()
                    + " images and " + heldOutCount + " held out");
        }
        return all.shuffled(SPLIT_SEED).split(all.count() - heldOutCount);
    }

    /**
     * The last {@code count} images of the fixed shuffle: held out by any training on the same set
     * that held out at least {@code count} images (all of them when the set is not larger).
     */
    public static ImageSet last(ImageSet all, int count) {
        return all.count() > count ? split(all, count).second() : all;
    }
}

package org.attentionsuite.image.model;

import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.LossUnit;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.image.data.ClassNames;

/**
 * The tokens of an Image Transformer: ids {@code 0..255} are the intensities of an image in
 * {@code order} (raster, or block-raster for local 2D), {@code 256} is the start id
 * ({@link ImageModels#START}); {@code classes} labels condition the model (0 = unconditional).
 * Losses are bits per dimension.
 *
 * @param order      geometry and sequence order of the images
 * @param classes    number of class labels (0 = none)
 * @param classNames names of the labels, from the data trained on ({@link ClassNames#UNKNOWN} if not known)
 */
public record Pixels(ImageOrder order, int classes, ClassNames classNames) implements TokenScheme {
    public Pixels {
        Objects.requireNonNull(order, "order");
        classNames = classNames == null ? ClassNames.UNKNOWN : classNames;
        if (classes < 0) {
            throw new UserError("classes (" + classes + ") must be >= 0");
        }
    }

    /** Unlabelled images in {@code order}. */
    public static Pixels of(ImageOrder order) {
        return new Pixels(order, 0, ClassNames.UNKNOWN);
    }

    @Override
    public int vocabularySize() {
        return ImageModels.VOCAB;
    }

    @Override
    public LossUnit lossUnit() {
        return LossUnit.bitsPerDim();
    }

    @Override
    public String label() {
        return "pixels of " + order.label() + (classes > 0 ? " images with " + classes + " classes"
                + (classNames == ClassNames.UNKNOWN ? "" : " (" + classNames.dataSet() + ")") : " images");
    }
}

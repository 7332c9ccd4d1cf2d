package org.attentionsuite.image.model;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.NormPlacement;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.image.data.ClassNames;

/**
 * Model configs of the Image Transformer (Parmar et al. 2018, §3): a decoder over the
 * {@code L = H·W·C} intensities of an image, one categorical output of 256 values per intensity
 * (the paper's "categorical" output, §3.1), with learned row/column/channel positions.
 *
 * <p>Vocabulary: ids {@code 0..255} are intensities; {@link #START} ({@code 256}) is only ever an
 * input, at position 0 (the sequence shifted right); it is never a target, and sampling forbids it.
 */
public final class ImageModels {
    /** Number of intensity values. */
    public static final int INTENSITIES = 256;
    /** The start id fed at position 0. */
    public static final int START = INTENSITIES;
    /** Vocabulary size: 256 intensities + START. */
    public static final int VOCAB = INTENSITIES + 1;
    /** Classes of a class-conditional model (CIFAR-10, (Fashion-)MNIST). */
    public static final int CLASSES = 10;

    private ImageModels() {
    }

    /**
     * The config of an Image Transformer for {@code H x W x C} images. The sequence order follows
     * the attention ({@link ImageOrder#forAttention}); a local 2D spec must describe the same image.
     *
     * @param conditional whether to add a learned class embedding ({@value #CLASSES} classes)
     */
    public static ModelConfig config(int height, int width, int channels, AttentionSpec attention, ModelSize size,
            boolean conditional) {
        ImageOrder order = ImageOrder.forAttention(attention, height, width, channels);
        return new ModelConfig(VOCAB, size.dModel(), size.heads(), size.layers(), size.ffnDim(), order.length(),
                size.dropout(), NormPlacement.PRE, Activation.RELU, ImagePositions.of(order), attention, false,
                conditional ? CLASSES : 0);
    }

    /** The config for the catalogue's {@code variant} with its default geometry for this image. */
    public static ModelConfig config(int height, int width, int channels, ImageAttention variant, ModelSize size,
            boolean conditional) {
        return config(height, width, channels, variant.spec(new Geometry.Image(height, width, channels)), size,
                conditional);
    }

    /** The token scheme of an Image Transformer config whose classes (if any) are {@code names}. */
    public static Pixels tokens(ModelConfig config, ClassNames names) {
        return new Pixels(order(config), config.conditionClasses(),
                config.conditionClasses() > 0 ? names : ClassNames.UNKNOWN);
    }

    /** The image positions of an Image Transformer config; throws when {@code config} is not one. */
    public static ImagePositions positions(ModelConfig config) {
        if (!(config.position() instanceof ImagePositions p) || config.vocabSize() != VOCAB) {
            throw new UserError("not an image model (positions " + config.position().label()
                    + ", vocabulary " + config.vocabSize() + "; expected image positions and " + VOCAB + ")");
        }
        return p;
    }

    /** The sequence order of an Image Transformer config. */
    public static ImageOrder order(ModelConfig config) {
        return positions(config).order();
    }
}

package org.attentionsuite.image.sample;

import java.nio.file.Path;
import org.attentionsuite.image.data.ImageSet;

/**
 * Completed images and where the grid was written.
 *
 * @param originals    the real images, fitted to the model's geometry
 * @param completions  {@code perImage·N} images: completion {@code v} of original {@code n} is image
 *                     {@code v·N + n}
 * @param keptRows     image rows taken from the originals (the top half, or more in block order)
 * @param primerLength intensities of each original given to the model (a sequence prefix)
 * @param grid         PNG: originals in the first row, completions in the rows below
 * @param seconds      wall time of the generation
 */
public record ImageCompletions(ImageSet originals, ImageSet completions, int keptRows, int primerLength, Path grid,
        double seconds) {
}

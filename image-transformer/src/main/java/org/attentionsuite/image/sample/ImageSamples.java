package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.image.data.ImageSet;

/**
 * Sampled images and where they were written.
 *
 * @param images  the images (labelled with their classes for a conditional model)
 * @param files   one PNG per image, {@code sample-000.png} …
 * @param grid    all images in one PNG, {@code samples.png}
 * @param seconds wall time of the generation
 */
public record ImageSamples(ImageSet images, List<Path> files, Path grid, double seconds) {
    public ImageSamples {
        files = List.copyOf(files);
    }
}

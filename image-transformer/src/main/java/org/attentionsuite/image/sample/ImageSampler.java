package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.io.PngText;
import org.attentionsuite.image.io.PngWriter;
import org.attentionsuite.image.model.ImageOrder;

/**
 * Draws new images from a trained Image Transformer: primer {@code [START]}, every intensity
 * sampled in the model's order, reordered to raster, written as PNGs (nearest-neighbour
 * upscaled to at least 112 pixels a side, {@link PngWriter#defaultScale}). The grid of a
 * class-conditional model has one row per class, named on the left ({@link PngWriter#renderClassGrid}).
 */
public final class ImageSampler {
    /** File name of the grid of all samples. */
    public static final String GRID = "samples.png";

    private ImageSampler() {
    }

    /** Loads {@code checkpoint} and samples from it. */
    public static ImageSamples sample(Path checkpoint, ImageSamplingOptions options) {
        return sample(TrainedImageModel.load(checkpoint), options);
    }

    /** {@link #sample(TrainedImageModel, ImageSamplingOptions, Generator.Progress)} with a progress line on standard error. */
    public static ImageSamples sample(TrainedImageModel m, ImageSamplingOptions options) {
        return sample(m, options, new SamplingProgress("sampling " + options.count() + " images", m.order().length()));
    }

    /**
     * Samples {@code options.count()} images and writes {@code sample-NNN.png} and {@value #GRID},
     * each with the command, the checkpoint and the seed as PNG text ({@link PngText}).
     *
     * @param progress sees the images grow ({@link TrainedImageModel#generate}) and may stop the
     *                 sampling before anything is written
     */
    public static ImageSamples sample(TrainedImageModel m, ImageSamplingOptions options, Generator.Progress progress) {
        int n = options.count();
        m.checkMemory(n, n, "--count " + n);
        int[] classes = classes(m, options, n);
        ImageOrder order = m.order();
        long t0 = System.nanoTime();
        int[][] raster = m.generate(new int[n][0], options.sampling(), classes, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ImageSet images = ImageSet.fromSequences(order.height(), order.width(), order.channels(), Arrays.asList(raster));
        if (classes != null) {
            images = new ImageSet(images.height(), images.width(), images.channels(), images.pixels(), classes);
        }
        int scale = PngWriter.defaultScale(order.height(), order.width());
        PngText text = new PngText(options.command(), m.checkpoint(), options.sampling().seed());
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path file = options.out().resolve(String.format(Locale.ROOT, "sample-%03d.png", i));
            PngWriter.write(images, i, scale, file, text);
            files.add(file);
        }
        Path grid = options.out().resolve(GRID);
        if (classes == null) {
            PngWriter.writeGrid(images, grid, text);
        } else {
            PngWriter.writeClassGrid(images, columns(options, n, m.classes()), scale, m.classNames(), grid, text);
        }
        return new ImageSamples(images, files, grid, seconds);
    }

    /**
     * Tiles per row of a class grid: with every class, as many as images per class (one row per
     * class, e.g. 100 images of 10 classes are 10 rows of 10); with one class, a near-square block.
     */
    private static int columns(ImageSamplingOptions options, int n, int classes) {
        return options.imageClass().isPresent() ? PngWriter.squareColumns(n) : (n + classes - 1) / classes;
    }

    private static int[] classes(TrainedImageModel m, ImageSamplingOptions options, int n) {
        if (!m.conditional()) {
            if (options.imageClass().isPresent()) {
                throw new UserError("this model is not class-conditional; drop --class");
            }
            return null;
        }
        if (options.imageClass().isPresent()) {
            int c = options.imageClass().getAsInt();
            if (c < 0 || c >= m.classes()) {
                throw new UserError("--class (" + c + ") must be in 0.." + (m.classes() - 1));
            }
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = options.imageClass().orElse(i % m.classes());
        }
        return classes;
    }
}

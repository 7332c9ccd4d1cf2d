package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSets;
import org.attentionsuite.image.io.PngText;
import org.attentionsuite.image.io.PngWriter;
import org.attentionsuite.image.model.ImageOrder;

/**
 * Image completion (Parmar et al. 2018, §5, Fig. 1 right): the model is primed with the top half
 * of a real image and samples the rest.
 *
 * <p>The primer is {@code START} followed by the first {@code P} intensities of the image's
 * sequence, where {@code P} = {@link ImageOrder#prefixCoveringRows}{@code (H/2)}: the top
 * {@code H/2} rows in raster order; in block-raster order the whole block rows covering the top
 * half (a block row cannot be split without giving the model some pixels below the cut).
 */
public final class ImageCompletion {
    /** File name of the grid. */
    public static final String GRID = "completions.png";

    private ImageCompletion() {
    }

    /** Loads {@code checkpoint} and completes {@code images}. */
    public static ImageCompletions complete(Path checkpoint, ImageSet images, CompletionOptions options) {
        return complete(TrainedImageModel.load(checkpoint), images, options);
    }

    /** {@link #complete(TrainedImageModel, ImageSet, CompletionOptions, Generator.Progress)} with a progress line on standard error. */
    public static ImageCompletions complete(TrainedImageModel m, ImageSet images, CompletionOptions options) {
        return complete(m, images, options, new SamplingProgress("completing " + images.count() + " images",
                m.order().length()));
    }

    /**
     * Completes each image {@code options.perImage()} times and writes {@value #GRID} (with the
     * command, the checkpoint and the seed as PNG text, {@link PngText}). Images of
     * another size or channel count are first fitted to the model ({@link ImageSets#fit}); a
     * conditional model uses the class of the options, else the images' labels.
     *
     * @param progress sees the completions grow ({@link TrainedImageModel#generate}; completion
     *                 {@code v} of image {@code n} is sequence {@code v·N + n}) and may stop them
     *                 before anything is written
     */
    public static ImageCompletions complete(TrainedImageModel m, ImageSet images, CompletionOptions options,
            Generator.Progress progress) {
        ImageOrder order = m.order();
        if (images.count() == 0) {
            throw new UserError("no images to complete");
        }
        ImageSet originals = ImageSets.fit(images, order.height(), order.width(), order.channels());
        int n = originals.count();
        int variants = options.perImage();
        m.checkMemory(n * variants, n * variants, "--count " + n + ", --per-image " + variants);
        int rows = options.rows().orElse(order.height() / 2);
        if (rows < 0 || rows >= order.height()) {
            throw new UserError("rows to keep (" + rows + ") must be in 0.." + (order.height() - 1)
                    + " (the image has " + order.height() + ")");
        }
        int primerLength = order.prefixCoveringRows(rows);
        if (primerLength >= order.length()) {
            throw new UserError("nothing to complete: the top " + rows + " of " + order.height()
                    + " rows round up to whole query-block rows, which cover the whole image (" + order.label()
                    + "); keep fewer rows, or train with a query block at most half the image height, or with "
                    + "local1d/full attention");
        }
        int[][] primers = new int[n * variants][];
        int[] classes = classes(m, originals, options, n * variants);
        for (int v = 0; v < variants; v++) {
            for (int i = 0; i < n; i++) {
                int[] seq = order.toSequence(originals.sequence(i));
                primers[v * n + i] = Arrays.copyOf(seq, primerLength);
            }
        }
        long t0 = System.nanoTime();
        int[][] raster = m.generate(primers, options.sampling(), classes, progress);
        double seconds = (System.nanoTime() - t0) / 1e9;
        ImageSet completions = ImageSet.fromSequences(order.height(), order.width(), order.channels(),
                Arrays.asList(raster));

        List<int[]> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(originals.sequence(i));
        }
        all.addAll(Arrays.asList(raster));
        ImageSet grid = ImageSet.fromSequences(order.height(), order.width(), order.channels(), all);
        Path file = options.out().resolve(GRID);
        PngWriter.writeGrid(grid, n, PngWriter.defaultScale(order.height(), order.width()), file,
                new PngText(options.command(), m.checkpoint(), options.sampling().seed()));
        int keptRows = primerLength / (order.width() * order.channels());
        return new ImageCompletions(originals, completions, keptRows, primerLength, file, seconds);
    }

    /**
     * The class of each of the {@code count} completions (completion {@code v·N + n} of image
     * {@code n}): the options' class, else the image's label; {@code null} for an unconditional model.
     */
    private static int[] classes(TrainedImageModel m, ImageSet originals, CompletionOptions options, int count) {
        if (!m.conditional()) {
            if (options.imageClass().isPresent()) {
                throw new UserError("this model is not class-conditional; drop --class");
            }
            return null;
        }
        if (options.imageClass().isEmpty() && !originals.hasLabels()) {
            throw new UserError("this model is class-conditional: completion needs labelled images, or --class "
                    + "for all of them");
        }
        int[] classes = new int[count];
        for (int k = 0; k < count; k++) {
            classes[k] = options.imageClass().isPresent() ? options.imageClass().getAsInt()
                    : originals.label(k % originals.count());
        }
        return classes;
    }
}

package org.attentionsuite.image.sample;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MemoryEstimate;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.Pixels;

/**
 * A trained Image Transformer and the order its sequences are in, both recovered from the model
 * config (the checkpoint alone is enough). {@link #generate} turns primers into whole images.
 *
 * @param model      the decoder
 * @param order      its sequence order (from its {@link org.attentionsuite.image.model.ImagePositions})
 * @param classNames names of its classes, from the data it was trained on as its checkpoint records
 *                   them; {@link ClassNames#UNKNOWN} when not known
 * @param checkpoint the absolute path of the checkpoint it was loaded from, or {@link #IN_MEMORY}
 * @param workers    the threads that decode its images side by side ({@link #on}); the images do not
 *                   depend on them
 */
public record TrainedImageModel(DecoderModel model, ImageOrder order, ClassNames classNames, String checkpoint,
        Workers workers) {
    /** {@link #checkpoint} of a model that was not loaded from a file. */
    public static final String IN_MEMORY = "(model in memory, not loaded from a checkpoint)";

    public TrainedImageModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(classNames, "classNames");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(workers, "workers");
        if (!ImageModels.order(model.config()).equals(order)) {
            throw new UserError("order " + order.label() + " is not the model's "
                    + ImageModels.order(model.config()).label());
        }
    }

    /** Wraps a model built by {@link ImageModels#config}; its class names and file are not known. */
    public static TrainedImageModel of(DecoderModel model) {
        return of(model, ClassNames.UNKNOWN);
    }

    /** Wraps a model built by {@link ImageModels#config} whose classes are {@code classNames}. */
    public static TrainedImageModel of(DecoderModel model, ClassNames classNames) {
        return new TrainedImageModel(model, ImageModels.order(model.config()), classNames, IN_MEMORY,
                Workers.threads(1));
    }

    /**
     * Loads {@code checkpoint}; its recorded token scheme says whether it is an image model, in
     * which order and with which class names (nothing is guessed). A checkpoint of another kind is
     * a one-line error.
     */
    public static TrainedImageModel load(Path checkpoint) {
        return of(Checkpoint.load(checkpoint, Precision.FLOAT32));
    }

    /** The image model of a loaded checkpoint (see {@link #load}). */
    public static TrainedImageModel of(Checkpoint.Loaded loaded) {
        Pixels pixels = loaded.tokens(Pixels.class, "an image");
        return new TrainedImageModel(loaded.model(), pixels.order(), pixels.classNames(),
                loaded.file().toAbsolutePath().normalize().toString(), Workers.threads(1));
    }

    /** This model decoding on {@code w} (e.g. one thread per core). */
    public TrainedImageModel on(Workers w) {
        return new TrainedImageModel(model, order, classNames, checkpoint, w);
    }

    /** Whether the model takes a class per image. */
    public boolean conditional() {
        return model.config().conditionClasses() > 0;
    }

    /** Number of classes of a conditional model (0 otherwise). */
    public int classes() {
        return model.config().conditionClasses();
    }

    /**
     * Checks, before any sampling, that drawing {@code images} images, {@code batch} of them asked
     * for together, fits in memory: {@link MemoryEstimate#decoding} of what is decoded at once (the
     * batch, at most a {@link Generator#CHUNK} per worker), plus 5 bytes per intensity of every image
     * kept (its sequence and its image set).
     *
     * @param options the options that set these numbers, named in the refusal (e.g. {@code "--count 5000"})
     * @throws UserError naming {@code options} and the memory they imply
     */
    public void checkMemory(long images, long batch, String options) {
        long decoded = Math.min(batch, (long) Generator.CHUNK * workers.count());
        MemoryEstimate.decoding(model.config(), model.parameterCount(), decoded, order.length() + 1, model.precision())
                .plus("images", 5 * images * order.length()).check(options, MemoryEstimate.available());
    }

    /**
     * Samples the rest of each image after its primer. Each primer is a prefix of the image's
     * sequence in {@link #order()} (intensities 0..255, possibly empty); the model is fed
     * {@code [START] + primer} and samples positions {@code primer.length .. L−1} with the start
     * id forbidden. Images are decoded with the key/value cache, in chunks side by side on
     * {@link #workers()}.
     *
     * @param primers    one prefix per image
     * @param sampling   temperature, top-k, top-p and seed (same seed, same images)
     * @param classes    one class per image for a conditional model, else null
     * @param progress   told after each step, or null: its sequences are {@code [START]} followed by
     *                   the intensities in {@link #order()}; it may stop the generation
     * @return the images in raster order (row, column, channel), each of length L
     */
    public int[][] generate(int[][] primers, SamplingConfig sampling, int[] classes, Generator.Progress progress) {
        int l = order.length();
        if (primers.length == 0) {
            throw new UserError("nothing to generate: no images requested");
        }
        checkClasses(classes, primers.length);
        int[][] startPrimers = new int[primers.length][];
        for (int n = 0; n < primers.length; n++) {
            int[] p = primers[n];
            if (p.length > l) {
                throw new UserError("primer of " + p.length + " intensities is longer than the image ("
                        + l + ")");
            }
            for (int v : p) {
                if (v < 0 || v >= ImageModels.INTENSITIES) {
                    throw new UserError("primer intensity " + v + " is outside 0..255");
                }
            }
            startPrimers[n] = new int[p.length + 1];
            startPrimers[n][0] = ImageModels.START;
            System.arraycopy(p, 0, startPrimers[n], 1, p.length);
        }
        Generator.Constraint noStart = (position, logits) -> logits[ImageModels.START] = Double.NEGATIVE_INFINITY;
        int[][] out = new Generator(model, workers).generate(startPrimers, l + 1, sampling, classes, noStart, progress);
        int[][] images = new int[out.length][];
        for (int n = 0; n < out.length; n++) {
            images[n] = order.toRaster(Arrays.copyOfRange(out[n], 1, l + 1));   // drop START
        }
        return images;
    }

    private void checkClasses(int[] classes, int count) {
        if (!conditional()) {
            if (classes != null) {
                throw new UserError("this model is not class-conditional; do not give a class");
            }
            return;
        }
        if (classes == null || classes.length != count) {
            throw new UserError("this model is class-conditional: give one class per image");
        }
        for (int c : classes) {
            if (c < 0 || c >= classes()) {
                throw new UserError("class " + c + " is outside 0.." + (classes() - 1));
            }
        }
    }
}

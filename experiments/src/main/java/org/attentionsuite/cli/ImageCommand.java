package org.attentionsuite.cli;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.ModelSize;
import org.attentionsuite.image.sample.CompletionOptions;
import org.attentionsuite.image.sample.ImageCompletion;
import org.attentionsuite.image.sample.ImageCompletions;
import org.attentionsuite.image.sample.ImageSampler;
import org.attentionsuite.image.sample.ImageSamples;
import org.attentionsuite.image.sample.ImageSamplingOptions;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageData;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.image.train.ImageTrainingResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite image ...}: the Image Transformer (Parmar et al. 2018): train, sample, complete. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Image Transformer (Parmar et al. 2018): train on images, sample new ones, complete halves.",
        subcommands = {ImageCommand.Train.class, ImageCommand.Sample.class, ImageCommand.Complete.class})
final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Sampling flags shared by {@code sample} and {@code complete}. */
    static final class SamplingFlags {
        @Option(names = "--temperature", defaultValue = "1.0", description = "softmax temperature, 0 = greedy "
                + "(default: ${DEFAULT-VALUE})")
        double temperature;

        @Option(names = "--top-k", defaultValue = "0", description = "keep the k most likely intensities, 0 = all")
        int topK;

        @Option(names = "--top-p", defaultValue = "1.0", description = "nucleus mass in (0, 1], 1 = all")
        double topP;

        @Option(names = "--seed", defaultValue = "1", description = "same seed, same images (default: ${DEFAULT-VALUE})")
        long seed;

        SamplingConfig config() {
            return new SamplingConfig(temperature, topK, topP, seed);
        }
    }

    /** {@code suite image train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train an Image Transformer; prints validation bits/dim at each evaluation and writes "
                    + "last.ckpt and best.ckpt into --out.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "bundled",
                description = "'bundled' (2,000 Fashion-MNIST images in the jar) or a file/folder (default: ${DEFAULT-VALUE})")
        String data;

        @Option(names = "--format", description = "idx | cifar | folder (default: guessed from the path)")
        String format;

        @Option(names = "--size", defaultValue = "28", description = "images are resized to size x size "
                + "(default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--channels", defaultValue = "1", description = "1 (gray) or 3 (RGB) (default: ${DEFAULT-VALUE})")
        int channels;

        @Option(names = "--attention", defaultValue = "local2d", description = "full | local1d | local2d "
                + "(default: ${DEFAULT-VALUE})")
        String attention;

        @Option(names = "--steps", defaultValue = "1000", description = "total training steps (default: ${DEFAULT-VALUE})")
        long steps;

        @Option(names = "--batch", defaultValue = "8", description = "images per step (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--d-model", defaultValue = "64", description = "model width (default: ${DEFAULT-VALUE})")
        int dModel;

        @Option(names = "--layers", defaultValue = "2", description = "decoder blocks (default: ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--heads", defaultValue = "4", description = "attention heads (default: ${DEFAULT-VALUE})")
        int heads;

        @Option(names = "--lr", defaultValue = "3e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(names = "--seed", defaultValue = "1", description = "weights and batches (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--conditional", description = "condition on the labels (10 classes)")
        boolean conditional;

        @Option(names = "--flip", description = "mirror training images left-to-right at random")
        boolean flip;

        @Option(names = "--limit", defaultValue = "0", description = "use only the first N images, 0 = all")
        int limit;

        @Option(names = "--validation", defaultValue = "256",
                description = "held-out images (at most a fifth of the data) (default: ${DEFAULT-VALUE})")
        int validation;

        @Option(names = "--out", defaultValue = "runs/image", description = "checkpoint folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--resume", description = "continue from this checkpoint up to --steps")
        Path resume;

        @Override
        public Integer call() {
            int length = size * size * channels;
            AttentionChoice choice = AttentionChoice.parse(attention);
            if (choice != AttentionChoice.FULL && choice != AttentionChoice.LOCAL1D
                    && choice != AttentionChoice.LOCAL2D) {
                throw new UserError("--attention for images is full, local1d or local2d, not " + attention);
            }
            if (size <= 0 || channels <= 0) {
                throw new UserError("--size (" + size + ") and --channels (" + channels
                        + ") must be positive");
            }
            AttentionSpec spec = choice.spec(length, size, size, channels);
            ImageTrainingOptions o = ImageTrainingOptions.of(ImageSource.of(data, format), size, channels, spec, out)
                    .withModel(new ModelSize(dModel, heads, layers)).withSteps(steps).withBatch(batch)
                    .withLearningRate(lr).withSeed(seed).withConditional(conditional).withFlips(flip)
                    .withImageLimit(limit).withValidationImages(validation).withResume(resume);
            ImageTrainingResult r = ImageTraining.train(o);
            System.out.printf(Locale.ROOT, "validation: %.4f bits/dim after %d steps (best %.4f); %.3f s/step, "
                    + "%.1f s in all%n", r.finalBitsPerDim(), r.steps(), r.bestBitsPerDim(), r.secondsPerStep(),
                    r.totalSeconds());
            System.out.println("checkpoints:");
            System.out.println("  " + r.lastCheckpoint().toAbsolutePath().normalize());
            System.out.println("  " + r.bestCheckpoint().toAbsolutePath().normalize());
            System.out.println("next: ./suite image sample --checkpoint " + r.bestCheckpoint());
            return 0;
        }
    }

    /** {@code suite image sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Sample new images from a checkpoint; writes one PNG per image and a grid.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, description = "e.g. runs/image/best.ckpt")
        Path checkpoint;

        @Option(names = "--count", defaultValue = "16", description = "images (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--class", description = "class 0..9 of every image (conditional models; default: cycle)")
        Integer imageClass;

        @Option(names = "--out", description = "output folder (default: samples/ beside the checkpoint)")
        Path out;

        @CommandLine.Mixin
        SamplingFlags sampling;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path dir = out != null ? out : sibling(checkpoint, "samples");
            ImageSamplingOptions o = new ImageSamplingOptions(count, sampling.config(),
                    imageClass == null ? OptionalInt.empty() : OptionalInt.of(imageClass), dir, CommandText.of(spec));
            ImageSamples s = ImageSampler.sample(checkpoint, o);
            System.out.printf(Locale.ROOT, "sampled %d images in %.1f s%n", s.images().count(), s.seconds());
            System.out.println("grid:   " + s.grid().toAbsolutePath().normalize());
            System.out.println("images: " + dir.toAbsolutePath().normalize() + "/sample-*.png");
            return 0;
        }
    }

    /** {@code suite image complete}. */
    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Complete the bottom half of held-out real images; writes a grid with the originals in "
                    + "the first row and the completions below.")
    static final class Complete implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, description = "e.g. runs/image/best.ckpt")
        Path checkpoint;

        @Option(names = "--data", defaultValue = "bundled", description = "'bundled' or a file/folder "
                + "(default: ${DEFAULT-VALUE})")
        String data;

        @Option(names = "--format", description = "idx | cifar | folder (default: guessed from the path)")
        String format;

        @Option(names = "--count", defaultValue = "8", description = "images to complete (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--per-image", defaultValue = "1", description = "completions per image (default: ${DEFAULT-VALUE})")
        int perImage;

        @Option(names = "--out", description = "output folder (default: completions/ beside the checkpoint)")
        Path out;

        @CommandLine.Mixin
        SamplingFlags sampling;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new UserError("--count (" + count + ") must be positive");
            }
            TrainedImageModel model = TrainedImageModel.load(checkpoint);
            ImageOrder order = model.order();
            ImageSet all = ImageSource.of(data, format).load(order.height(), order.width(), order.channels());
            // the last images of the fixed shuffle: held out by training on the same data
            ImageSet images = all.count() > count ? ImageData.split(all, count).second() : all;
            Path dir = out != null ? out : sibling(checkpoint, "completions");
            ImageCompletions c = ImageCompletion.complete(model, images,
                    new CompletionOptions(sampling.config(), perImage, dir, CommandText.of(spec)));
            System.out.printf(Locale.ROOT, "completed %d images (top %d of %d rows given) in %.1f s%n",
                    images.count(), c.keptRows(), order.height(), c.seconds());
            System.out.println("grid: " + c.grid().toAbsolutePath().normalize());
            return 0;
        }
    }

    private static Path sibling(Path checkpoint, String name) {
        Path parent = checkpoint.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }
}

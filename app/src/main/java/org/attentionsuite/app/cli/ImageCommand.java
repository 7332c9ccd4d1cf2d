package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.experiments.report.LossCharts;
import org.attentionsuite.image.data.HeldOut;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.sample.CompletionOptions;
import org.attentionsuite.image.sample.ImageCompletion;
import org.attentionsuite.image.sample.ImageCompletions;
import org.attentionsuite.image.sample.ImageSampler;
import org.attentionsuite.image.sample.ImageSamples;
import org.attentionsuite.image.sample.ImageSamplingOptions;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
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

    /** {@code suite image train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train an Image Transformer; prints validation bits/dim at each evaluation and writes "
                    + "best.ckpt, last.ckpt, metrics.jsonl and loss.png into --out.",
                "Defaults: --data bundled, --size 28, --channels 1, --attention local2d, --d-model 64, --heads 4, "
                    + "--layers 2, --dropout 0, --steps 1000, --batch 8, --lr 3e-3, --schedule cosine (to a tenth of --lr at --steps), "
                    + "--warmup min(200, steps/10), --eval-every min(500, steps/5), --patience 0, --seed 1, "
                    + "--validation 256, --out runs/image."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", description = "'bundled' (2,000 Fashion-MNIST images in the jar), an IDX or CIFAR-10 "
                + "file or folder, a folder of PNG/JPEG/GIF pictures, or one picture")
        String data;

        @Option(names = "--format", description = "idx | cifar | folder (default: decided from the content)")
        String format;

        @Option(names = "--size", description = "images are resized to size x size")
        Integer size;

        @Option(names = "--channels", description = "1 (gray) or 3 (RGB)")
        Integer channels;

        @Option(names = "--attention", completionCandidates = VariantNames.Images.class,
                description = "the attention: ${COMPLETION-CANDIDATES}")
        String attention;

        @Option(names = "--conditional", description = "condition on the labels (10 classes)")
        boolean conditional;

        @Option(names = "--flip", description = "mirror training images left-to-right at random")
        boolean flip;

        @Option(names = "--limit", description = "use only the first N images, 0 = all")
        Integer limit;

        /** Held-out images when {@code --validation} is not given. */
        static final int DEFAULT_VALIDATION = 256;

        @Option(names = "--validation", description = "held-out images (at most a fifth of the data)")
        Integer validation;

        @CommandLine.Mixin
        Flags.Train flags;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The options of this command line, defaults filled in (and written back into the fields). */
        ImageTrainingOptions options() {
            data = data != null ? data : "bundled";
            size = size != null ? size : 28;
            channels = channels != null ? channels : 1;
            attention = attention != null ? attention : ImageAttention.LOCAL2D.id();
            limit = limit != null ? limit : 0;
            validation = validation != null ? validation : DEFAULT_VALIDATION;
            ModelSize m = flags.model.resolve(ModelSize.micro());
            TrainingOptions t = flags.training.resolve(new TrainingOptions(1000, 8, 3e-3, 0, 0, 0, 1));
            Path out = flags.run.out(Path.of("runs/image"));
            RunOptions r = flags.run.options(out, CommandText.of(spec), ConfigFiles.recorded(spec),
                    flags.parallelism.resolve());
            return new ImageTrainingOptions(ImageSource.of(data, format), size, channels, conditional, flip, limit,
                    validation, ImageAttention.parse(attention), m, t, r);
        }

        @Override
        public Integer call() {
            ImageTrainingOptions o = options();
            TrainingResult r = ImageTraining.train(o, System.err, List.of(LossCharts.refreshing(o.run().out())));
            System.out.printf(Locale.ROOT, "validation: %.4f bits/dim after %d steps (best %.4f)%s; %.3f s/step, "
                    + "%.1f s in all%n", r.inUnit(r.lastValidationLoss()), r.steps(), r.inUnit(r.bestValidationLoss()),
                    r.stoppedEarly() ? ", stopped early" : "", r.secondsPerStep(), r.totalSeconds());
            System.out.println("run folder: " + o.run().out().toAbsolutePath().normalize()
                    + " (best.ckpt, last.ckpt, metrics.jsonl, loss.png)");
            System.out.println("next: ./suite image sample --checkpoint " + r.best());
            return 0;
        }
    }

    /** {@code suite image sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Sample new images from a checkpoint; writes one PNG per image and a grid.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--checkpoint", description = "e.g. runs/image/best.ckpt")
        Path checkpoint;

        @Option(names = "--model", paramLabel = "NAME", description = "a shipped model instead of a checkpoint, e.g. "
                + "fashion-mnist")
        String model;

        @Option(names = "--count", defaultValue = "16", description = "images (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--class", description = "class 0..9 of every image (conditional models; default: cycle)")
        Integer imageClass;

        @Option(names = "--out", description = "output folder (default: samples/ beside the checkpoint)")
        Path out;

        @CommandLine.Mixin
        Flags.Sampling sampling;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            checkpoint = ShippedModels.checkpoint(checkpoint, model);
            Path dir = out != null ? out : model != null ? Path.of("runs", "samples", model) : sibling(checkpoint,
                    "samples");
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
        @Option(names = "--checkpoint", description = "e.g. runs/image/best.ckpt")
        Path checkpoint;

        @Option(names = "--model", paramLabel = "NAME", description = "a shipped model instead of a checkpoint, e.g. "
                + "fashion-mnist")
        String model;

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
        Flags.Sampling sampling;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new UserError("--count (" + count + ") must be positive");
            }
            checkpoint = ShippedModels.checkpoint(checkpoint, model);
            TrainedImageModel trained = TrainedImageModel.load(checkpoint);
            ImageOrder order = trained.order();
            ImageSet all = ImageSource.of(data, format).load(order.height(), order.width(), order.channels());
            // the last images of the fixed shuffle: held out by training on the same data
            ImageSet images = HeldOut.last(all, count);
            Path dir = out != null ? out : model != null ? Path.of("runs", "completions", model) : sibling(checkpoint,
                    "completions");
            ImageCompletions c = ImageCompletion.complete(trained, images,
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

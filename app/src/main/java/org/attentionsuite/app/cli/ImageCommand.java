package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.OutputFolder;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.experiments.report.LossCharts;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

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
                    + "--validation 256, --test 0, --split-seed 2018, --out runs/image."})
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin
        Flags.Images images;

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

        @Option(names = "--validation", description = "held-out images that choose the checkpoint (at most a fifth "
                + "of the data, at least one)")
        Integer validation;

        @CommandLine.Mixin
        Flags.Train flags;

        /** The options of this command line, defaults filled in (and written back into the fields). */
        ImageTrainingOptions options() {
            ImageTrainingOptions d = ImageTrainingOptions.defaults();
            ImageSource source = images.source(d.source().label());
            size = size != null ? size : d.size();
            channels = channels != null ? channels : d.channels();
            attention = attention != null ? attention : d.attention().id();
            limit = limit != null ? limit : d.split().limit();
            validation = validation != null ? validation : d.split().validation();
            flags.split.resolve(d.split().test(), d.split().seed());
            ModelSize m = flags.model.resolve(d.model());
            TrainingOptions t = flags.training.resolve(d.training());
            return new ImageTrainingOptions(source, size, channels, conditional, flip,
                    new ImageSplit(limit, validation, flags.split.test, flags.split.seed), ImageAttention.parse(attention), m, t,
                    flags.run(d.run()));
        }

        @Override
        public Integer call() {
            ImageTrainingOptions o = options();
            TrainingResult r = ImageTraining.train(o, System.err, List.of(LossCharts.refreshing(o.run().out())));
            System.out.printf(Locale.ROOT, "validation: %.4f bits/dim after %d steps (best %.4f)%s; %.3f s/step, "
                    + "%.1f s in all%n", r.inUnit(r.lastValidationLoss()), r.steps(), r.inUnit(r.bestValidationLoss()),
                    r.stoppedEarly() ? ", stopped early" : "", r.secondsPerStep(), r.totalSeconds());
            Flags.Train.printRun(o.run(), "next: ./suite image sample --checkpoint " + r.best());
            return 0;
        }
    }

    /**
     * What {@code image sample} and {@code image complete} share: the model, the sampling options, the
     * workers, and an output folder named after what they write.
     */
    abstract static class Drawing implements Callable<Integer> {
        @CommandLine.Mixin
        Flags.Checkpoint from;

        @CommandLine.Mixin
        Flags.Sampling sampling;

        @CommandLine.Mixin
        Flags.Parallelism parallelism;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * Opens (checked and locked, before the model is read) {@code out}, else the folder {@code kind}
         * beside the checkpoint, {@code runs/KIND/NAME} for a shipped model.
         */
        OutputFolder open(Path out, String kind) {
            return OutputFolder.open(from.outputs(out, kind), CommandText.of(spec));
        }

        /** The model, on the workers asked for. */
        TrainedImageModel model() {
            return TrainedImageModel.load(from.file()).on(parallelism.resolve());
        }
    }

    /** {@code suite image sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Sample new images from a checkpoint; writes one PNG per image and a grid.")
    static final class Sample extends Drawing {
        @Option(names = "--count", defaultValue = "16", description = "images (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--class", description = "class 0..9 of every image (conditional models; default: cycle)")
        Integer imageClass;

        @Option(names = "--out", description = "output folder (default: samples/ beside the checkpoint)")
        Path out;

        /** What an earlier {@code image sample} into the folder wrote: its samples and grid, replaced by this run's. */
        static final String EARLIER_SAMPLES = "{sample-[0-9][0-9][0-9]*.png," + ImageSampler.GRID + "}";

        @Override
        public Integer call() {
            try (OutputFolder folder = open(out, "samples")) {
                folder.removeEarlier(EARLIER_SAMPLES);
                ImageSamplingOptions o = new ImageSamplingOptions(count, sampling.config(), optional(imageClass),
                        folder.dir(), CommandText.of(spec));
                ImageSamples s = ImageSampler.sample(model(), o);
                System.out.printf(Locale.ROOT, "sampled %d images in %.1f s%n", s.images().count(), s.seconds());
                System.out.println("grid:   " + s.grid().toAbsolutePath().normalize());
                System.out.println("images: " + folder.dir().toAbsolutePath().normalize() + "/sample-*.png");
            }
            return 0;
        }
    }

    /** {@code suite image complete}. */
    @Command(name = "complete", mixinStandardHelpOptions = true,
            description = "Complete the bottom half of held-out real images (--data, default: the bundled ones); "
                    + "writes a grid with the originals in the first row and the completions below.")
    static final class Complete extends Drawing {
        @CommandLine.Mixin
        Flags.Images images;

        @Option(names = "--count", defaultValue = "8", description = "images to complete (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--per-image", defaultValue = "1", description = "completions per image (default: ${DEFAULT-VALUE})")
        int perImage;

        @Option(names = "--rows", description = "image rows given to the model (default: the top half); local2d rounds "
                + "them up to whole query-block rows")
        Integer rows;

        @Option(names = "--class", description = "class 0..9 of every image (conditional models; default: the images' "
                + "labels, so pictures without labels need it)")
        Integer imageClass;

        @Option(names = "--out", description = "output folder (default: completions/ beside the checkpoint)")
        Path out;

        @Override
        public Integer call() {
            if (count < 1) {
                throw new UserError("--count (" + count + ") must be positive");
            }
            try (OutputFolder folder = open(out, "completions")) {
                return complete(new CompletionOptions(sampling.config(), perImage, optional(rows),
                        optional(imageClass), folder.dir(), CommandText.of(spec)));
            }
        }

        private int complete(CompletionOptions options) {
            TrainedImageModel trained = model();
            trained.checkMemory((long) count * perImage, (long) count * perImage, "--count " + count + ", --per-image "
                    + perImage);                                // before the data is read
            ImageOrder order = trained.order();
            ImageSet all = images.source(ImageSource.BUNDLED).load(order.height(), order.width(), order.channels());
            // the last images of the fixed shuffle: held out by training on the same data
            ImageSet heldOut = ImageSplit.last(all, count);
            ImageCompletions c = ImageCompletion.complete(trained, heldOut, options);
            System.out.printf(Locale.ROOT, "completed %d images (top %d of %d rows given) in %.1f s%n",
                    heldOut.count(), c.keptRows(), order.height(), c.seconds());
            System.out.println("grid: " + c.grid().toAbsolutePath().normalize());
            return 0;
        }
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}

package org.attentionsuite.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.experiments.evaluate.SampleQuality;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.experiments.report.FiniteJson;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.PieceSplit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite evaluate}: the loss of a checkpoint on held-out data, in its task's units. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a checkpoint (or a shipped --model) on held-out data in its task's units: images in "
                + "bits/dim (--data: e.g. Fashion-MNIST's t10k file), JSB chorales in nats/token and nats/note "
                + "(--chorales, --split test), MIDI performances in nats/event (--midi: folders, comma-separated).",
            "Prints one JSON line (a measure that does not apply, such as the second unit of an image score, is "
                + "null), then one line for people."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Flags.Checkpoint from;

    @CommandLine.Mixin
    Flags.Images images;

    @Option(names = "--limit", defaultValue = "0", description = "score only the first N images, chorales or pieces (0 = all)")
    int limit;

    @CommandLine.Mixin
    Flags.Chorales chorales;

    @Option(names = "--split", paramLabel = "train|valid|test", description = "score one part of the data: for "
            + "--chorales, the file's split (default: test); for --data and --midi, the part the checkpoint's training "
            + "split off by its recorded --limit, --validation, --test and --split-seed (valid: what chose the "
            + "checkpoint; test: what neither training nor that choice saw; default: all of the data)")
    String split;

    @Option(names = "--midi", paramLabel = "bundled|<folder>[,...]", description = "MIDI performances: folders of "
            + ".mid files or 'bundled', comma-separated; every piece is scored")
    String midi;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N", description = "also judge N samples: images of "
            + "a class-conditional model by a classifier trained on real images; chorales by their voicing and "
            + "pitch classes against the test split (default: none)")
    int samples;

    @Option(names = "--classifier-data", paramLabel = "PATH", description = "images the judging classifier trains "
            + "on (default: the folder of --data, whose train-* IDX files Fashion-MNIST has)")
    String classifierData;

    @Option(names = "--tokens", defaultValue = "512", description = "most tokens of a sampled chorale "
            + "(default: ${DEFAULT-VALUE})")
    int tokens;

    @CommandLine.Mixin
    Flags.Sampling sampling;

    @Option(names = "--fit", description = "resize the images and convert gray/RGB to the model's size and "
            + "channels, as training does (default: images of another size, or colour images for a gray model, are "
            + "refused unless they are the data the model trained on)")
    boolean fit;

    @CommandLine.Mixin
    Flags.Parallelism parallelism;

    @Override
    public Integer call() {
        Score s = score();
        System.out.println(FiniteJson.compact().toJson(s));
        System.out.printf(Locale.ROOT, "%s on %s: %.4f %s%s (%,d targets)%n", s.checkpoint(), s.data(), s.value(),
                s.unit(), s.secondUnit() == null ? "" : String.format(Locale.ROOT, ", %.4f %s", s.second(),
                        s.secondUnit()), s.targets());
        printSamples(s);
        return 0;
    }

    /** One line per measure of the judged samples, with its error. */
    static void printSamples(Score s) {
        s.samples().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %.4f ± %.4f%n", k.replace('_', ' '), v,
                s.sampleErrors().get(k)));
    }

    /** The score these options ask for. */
    Score score() {
        Path file = from.file();
        int given = (images.data != null ? 1 : 0) + (chorales.given() ? 1 : 0) + (midi != null ? 1 : 0);
        if (given != 1) {
            throw new UserError("give one of --data (images), --chorales (JSB) or --midi (performances)");
        }
        if (limit < 0) {
            throw new UserError("--limit (" + limit + ") must be >= 0");
        }
        if (samples < 0) {
            throw new UserError("--samples (" + samples + ") must be >= 0");
        }
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
        DataSplit part = split == null ? null : DataSplit.parse(split, "--split");
        Evaluation.Data what;
        if (images.data != null) {
            Evaluation.Data.ImagePart imagePart = null;
            if (part != null) {
                imagePart = new Evaluation.Data.ImagePart(RecordedData.images(loaded), RecordedData.flips(loaded), part);
                if (part == DataSplit.TEST && imagePart.split().test() == 0) {
                    throw noTestSplit(file, "images");
                }
            }
            what = new Evaluation.Data.Images(images.source(ImageSource.BUNDLED), imagePart, 0, limit,
                    fit ? Evaluation.Data.Fitting.ASKED : RecordedData.trainedOn(loaded, images.data)
                            ? Evaluation.Data.Fitting.AS_TRAINED : Evaluation.Data.Fitting.REFUSE);
        } else if (chorales.given()) {
            what = new Evaluation.Data.Chorales(chorales.source(), part != null ? part : DataSplit.TEST,
                    limit);
        } else {
            PieceSplit pieces = part == null ? null : RecordedData.pieces(loaded);
            if (part == DataSplit.TEST && pieces.test() == 0) {
                throw noTestSplit(file, "pieces");
            }
            what = new Evaluation.Data.Performances(MusicSource.ofData(midi, "--midi"), pieces, part, limit);
        }
        String name = from.name();
        Workers workers = parallelism.resolve();
        TrainedImageModel imageJudged = null;                   // checked before any scoring
        MusicGenerator choraleJudged = null;
        if (samples > 0 && what instanceof Evaluation.Data.Images) {
            imageJudged = TrainedImageModel.of(loaded).on(workers);
            SampleQuality.checkImages(imageJudged, samples);
        } else if (samples > 0 && what instanceof Evaluation.Data.Chorales) {
            choraleJudged = MusicGenerator.of(loaded);
            SampleQuality.checkChorales(choraleJudged, samples, tokens);
        } else if (samples > 0) {
            throw new UserError("--samples judges class-conditional image models (--data) and chorale models "
                    + "(--chorales)");
        }
        Score s = Evaluation.evaluate(loaded, name, what, workers);
        if (imageJudged != null) {
            ImageOrder o = imageJudged.order();
            String judgeData = classifierData != null ? classifierData
                    : Files.isRegularFile(Path.of(images.data)) ? Path.of(images.data).toAbsolutePath().getParent().toString()
                    : images.data;
            ImageSet train = ImageSource.of(judgeData, null).load(o.height(), o.width(), o.channels());
            ImageSet test = Evaluation.images((Evaluation.Data.Images) what, loaded);
            s = s.withSamples(SampleQuality.images(imageJudged, train, test, samples, sampling.config()));
        } else if (choraleJudged != null) {
            Evaluation.Data.Chorales c = (Evaluation.Data.Chorales) what;
            s = s.withSamples(SampleQuality.chorales(choraleJudged, MusicSource.choraleDataset(c.source()), samples,
                    tokens, sampling.config()));
        }
        return s;
    }

    /** Parses {@code args} as {@code suite evaluate} would and scores. */
    static Score score(List<String> args) {
        EvaluateCommand e = new EvaluateCommand();
        try {
            new CommandLine(e).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException bad) {
            throw new UserError("evaluate " + String.join(" ", args) + ": " + bad.getMessage());
        }
        return e.score();
    }

    private static UserError noTestSplit(Path checkpoint, String what) {
        return new UserError("--split test: " + checkpoint + " was trained without test " + what + " (--test 0), so "
                + "this data has no part it never saw; --split valid scores the " + what + " that chose it");
    }
}

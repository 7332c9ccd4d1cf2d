package org.attentionsuite.app.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.experiments.evaluate.SampleQuality;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.train.MusicSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite evaluate}: the loss of a checkpoint on held-out data, in its task's units. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a checkpoint (or a shipped --model) on held-out data in its task's units: images in "
                + "bits/dim (--data: e.g. Fashion-MNIST's t10k file), JSB chorales in nats/token and nats/note "
                + "(--chorales, --split test), MIDI performances in nats/event (--midi: folders, comma-separated).",
            "Prints one JSON line, then one line for people."})
final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    Flags.Checkpoint from;

    @CommandLine.Mixin
    Flags.Images images;

    @Option(names = "--limit", defaultValue = "0", description = "score only the first N images, chorales or pieces (0 = all)")
    int limit;

    @Option(names = "--held-out", description = "score only what the checkpoint's training held out of this data: "
            + "images, the --validation images of its fixed shuffle (its recorded --limit and --validation); MIDI, "
            + "the held-out pieces (for data with no test split of its own, e.g. the silk icons; for chorales use "
            + "--split valid)")
    boolean heldOut;

    @Option(names = "--chorales", paramLabel = "bundled|<json>", description = "JSB chorales: 'bundled' or "
            + "Jsb16thSeparated.json")
    String chorales;

    @Option(names = "--split", defaultValue = "test", description = "chorale split: train | valid | test "
            + "(default: ${DEFAULT-VALUE})")
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

    @Override
    public Integer call() {
        Score s = score();
        Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
        System.out.println(gson.toJson(s));
        System.out.printf(Locale.ROOT, "%s on %s: %.4f %s%s (%,d targets)%n", s.checkpoint(), s.data(), s.value(),
                s.unit(), s.secondUnit() == null ? "" : String.format(Locale.ROOT, ", %.4f %s", s.second(),
                        s.secondUnit()), s.targets());
        s.samples().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %.4f%n", k.replace('_', ' '), v));
        return 0;
    }

    /** The score these options ask for. */
    Score score() {
        Path file = from.file();
        int given = (images.data != null ? 1 : 0) + (chorales != null ? 1 : 0) + (midi != null ? 1 : 0);
        if (given != 1) {
            throw new UserError("give one of --data (images), --chorales (JSB) or --midi (performances)");
        }
        if (limit < 0) {
            throw new UserError("--limit (" + limit + ") must be >= 0");
        }
        Evaluation.Data what;
        if (images.data != null) {
            what = new Evaluation.Data.Images(images.source(ImageSource.BUNDLED), heldOut ? heldOutImages(file) : null, limit);
        } else if (chorales != null) {
            if (heldOut) {
                throw new UserError("--held-out: the chorales have their own splits; give --split valid or --split test");
            }
            what = new Evaluation.Data.Chorales(MusicSource.ofChorales(chorales), parseSplit(split), limit);
        } else {
            what = new Evaluation.Data.Performances(MusicSource.ofData(midi), heldOut, limit);
        }
        String name = from.model != null ? from.model : file.toString();
        if (samples < 0) {
            throw new UserError("--samples (" + samples + ") must be >= 0");
        }
        Score s = Evaluation.evaluate(file, name, what);
        if (samples > 0 && what instanceof Evaluation.Data.Images imageData) {
            TrainedImageModel trained = TrainedImageModel.load(file);
            ImageOrder o = trained.order();
            String judgeData = classifierData != null ? classifierData
                    : Files.isRegularFile(Path.of(images.data)) ? Path.of(images.data).toAbsolutePath().getParent().toString()
                    : images.data;
            ImageSet train = ImageSource.of(judgeData, null).load(o.height(), o.width(), o.channels());
            ImageSet test = Evaluation.images(imageData, trained.order());
            s = s.withSamples(SampleQuality.images(trained, train, test, samples, sampling.config()));
        } else if (samples > 0 && what instanceof Evaluation.Data.Chorales c) {
            s = s.withSamples(SampleQuality.chorales(MusicGenerator.load(file), MusicSource.choraleDataset(c.source()),
                    samples, tokens, sampling.config()));
        } else if (samples > 0) {
            throw new UserError("--samples judges class-conditional image models (--data) and chorale models "
                    + "(--chorales)");
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

    /** What the training run of {@code checkpoint} held out, from the options it recorded. */
    static Evaluation.Data.HeldOutImages heldOutImages(Path checkpoint) {
        JsonObject options = Checkpoint.load(checkpoint, Precision.FLOAT32).options();
        return new Evaluation.Data.HeldOutImages(intOption(options, "limit", 0),
                intOption(options, "validation", ImageTrainingOptions.defaults().validationImages()));
    }

    private static int intOption(JsonObject options, String name, int absent) {
        return options.has(name) && !options.get(name).isJsonNull() ? options.get(name).getAsInt() : absent;
    }

    static ChoraleDataset.Split parseSplit(String s) {
        for (ChoraleDataset.Split split : ChoraleDataset.Split.values()) {
            if (split.key().equals(s)) {
                return split;
            }
        }
        throw new UserError("--split '" + s + "' is unknown (known: train, valid, test)");
    }
}

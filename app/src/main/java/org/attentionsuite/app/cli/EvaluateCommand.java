package org.attentionsuite.app.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.Json;
import org.attentionsuite.core.parallel.Workers;
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

    @Option(names = "--fit", description = "resize the images and convert gray/RGB to the model's size and "
            + "channels, as training does (default: images of another size, or colour images for a gray model, are "
            + "refused unless they are the data the model trained on)")
    boolean fit;

    /** The JSON line: a number that is absent (NaN, e.g. a task's second unit) is written as null. */
    static final Gson JSON = new GsonBuilder().serializeNulls()
            .registerTypeAdapter(double.class, new FiniteOrNull())
            .registerTypeAdapter(Double.class, new FiniteOrNull()).create();

    @CommandLine.Mixin
    Flags.Parallelism parallelism;

    @Override
    public Integer call() {
        Score s = score();
        System.out.println(JSON.toJson(s));
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
        if (samples < 0) {
            throw new UserError("--samples (" + samples + ") must be >= 0");
        }
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
        Evaluation.Data what;
        if (images.data != null) {
            what = new Evaluation.Data.Images(images.source(ImageSource.BUNDLED), heldOut ? heldOutImages(loaded) : null,
                    limit, fit ? Evaluation.Data.Fitting.ASKED : trainedOn(loaded, images.data)
                            ? Evaluation.Data.Fitting.AS_TRAINED : Evaluation.Data.Fitting.REFUSE);
        } else if (chorales != null) {
            if (heldOut) {
                throw new UserError("--held-out: the chorales have their own splits; give --split valid or --split test");
            }
            what = new Evaluation.Data.Chorales(MusicSource.ofChorales(chorales), parseSplit(split), limit);
        } else {
            what = new Evaluation.Data.Performances(MusicSource.ofData(midi), heldOut, limit);
        }
        String name = from.model != null ? from.model : file.toString();
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

    /** What the training run of {@code checkpoint} held out, from the options it recorded. */
    static Evaluation.Data.HeldOutImages heldOutImages(Checkpoint.Loaded checkpoint) {
        return new Evaluation.Data.HeldOutImages(option(checkpoint, "limit", int.class, 0),
                option(checkpoint, "validation", int.class, ImageTrainingOptions.defaults().validationImages()),
                option(checkpoint, "flip", boolean.class, false));
    }

    /**
     * Whether {@code data} is the data the checkpoint's run trained on (its recorded {@code --data}),
     * which it fitted to the model's size and channels as evaluation then does.
     */
    static boolean trainedOn(Checkpoint.Loaded checkpoint, String data) {
        String recorded = option(checkpoint, "data", String.class, null);
        return recorded != null && (recorded.equals(data)
                || Path.of(recorded).toAbsolutePath().normalize().equals(Path.of(data).toAbsolutePath().normalize()));
    }

    /** An option the checkpoint's run recorded, read exactly ({@code absent} when it was not recorded). */
    private static <T> T option(Checkpoint.Loaded checkpoint, String name, Class<T> type, T absent) {
        JsonElement v = checkpoint.options().get(name);
        if (v == null || v.isJsonNull()) {
            return absent;
        }
        try {
            return Json.gson().fromJson(v, type);
        } catch (RuntimeException e) {
            throw new UserError(checkpoint.file() + ": its recorded option '" + name + "' is not a " + type + " (" + v
                    + ")");
        }
    }

    /** Writes finite numbers as numbers and NaN or infinities as null (JSON has no NaN). */
    static final class FiniteOrNull extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double v) throws IOException {
            if (v == null || !Double.isFinite(v)) {
                out.nullValue();
            } else {
                out.value(v);
            }
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return Double.NaN;
            }
            return in.nextDouble();
        }
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

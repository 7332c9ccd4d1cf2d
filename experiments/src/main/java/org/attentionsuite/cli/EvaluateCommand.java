package org.attentionsuite.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.train.MusicSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite evaluate}: the loss of a checkpoint on held-out data, in its task's units. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a checkpoint (or a shipped --model) on held-out data in its task's units: images in "
                + "bits/dim (--data: e.g. Fashion-MNIST's t10k file), JSB chorales in nats/token and nats/note "
                + "(--chorales, --split test), MIDI performances in nats/event (--midi: folders, comma-separated).",
            "Prints one JSON line, then one line for people."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "CKPT", description = "the checkpoint to score")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "NAME", description = "a shipped model instead of a checkpoint")
    String model;

    @Option(names = "--data", paramLabel = "PATH", description = "images: 'bundled', an IDX or CIFAR-10 file or "
            + "folder, or a folder of pictures")
    String data;

    @Option(names = "--format", description = "idx | cifar | folder (default: decided from the content)")
    String format;

    @Option(names = "--limit", defaultValue = "0", description = "score only the first N images, 0 = all")
    int limit;

    @Option(names = "--chorales", paramLabel = "bundled|<json>", description = "JSB chorales: 'bundled' or "
            + "Jsb16thSeparated.json")
    String chorales;

    @Option(names = "--split", defaultValue = "test", description = "chorale split: train | valid | test "
            + "(default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--midi", paramLabel = "bundled|<folder>[,...]", description = "MIDI performances: folders of "
            + ".mid files or 'bundled', comma-separated; every piece is scored")
    String midi;

    @Override
    public Integer call() {
        Path file = ShippedModels.checkpoint(checkpoint, model);
        int given = (data != null ? 1 : 0) + (chorales != null ? 1 : 0) + (midi != null ? 1 : 0);
        if (given != 1) {
            throw new UserError("give one of --data (images), --chorales (JSB) or --midi (performances)");
        }
        Evaluation.Data what;
        if (data != null) {
            if (limit < 0) {
                throw new UserError("--limit (" + limit + ") must be >= 0");
            }
            what = new Evaluation.Data.Images(ImageSource.of(data, format), limit);
        } else if (chorales != null) {
            what = new Evaluation.Data.Chorales(MusicSource.ofChorales(chorales), parseSplit(split));
        } else {
            what = new Evaluation.Data.Performances(MusicSource.ofData(midi));
        }
        String name = model != null ? model : file.toString();
        Score s = Evaluation.evaluate(file, name, what);
        Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();
        System.out.println(gson.toJson(s));
        System.out.printf(Locale.ROOT, "%s on %s: %.4f %s%s (%,d targets)%n", s.checkpoint(), s.data(), s.value(),
                s.unit(), s.secondUnit() == null ? "" : String.format(Locale.ROOT, ", %.4f %s", s.second(),
                        s.secondUnit()), s.targets());
        return 0;
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

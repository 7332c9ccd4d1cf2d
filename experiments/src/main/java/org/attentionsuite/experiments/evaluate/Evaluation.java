package org.attentionsuite.experiments.evaluate;

import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.image.data.HeldOut;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.image.train.ImageData;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.model.MusicTokens;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.train.ChoraleData;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.PerformanceData;

/**
 * Scores a checkpoint on held-out data in its task's units: images in bits/dim, chorales in
 * nats/token and nats/note, performances in nats/event. The checkpoint's token scheme says which
 * kind of data it needs; sequences are cut into windows of the model's length as in validation.
 */
public final class Evaluation {
    /** Sequences per evaluation batch. */
    static final int BATCH = 16;

    private Evaluation() {
    }

    /** What to score on. */
    public sealed interface Data {
        /**
         * Images: a data source (IDX, CIFAR-10, folder, bundled), or only the part a training run
         * held out of it ({@code heldOut} non-null); then optionally the first {@code limit} (0 = all).
         */
        record Images(ImageSource source, HeldOutImages heldOut, int limit) implements Data {
        }

        /**
         * The images a training run held out for validation: the run's {@code --limit} (0 = all)
         * and {@code --validation} count, as its checkpoint recorded them.
         */
        record HeldOutImages(int trainingLimit, int validation) {
        }

        /** A split of the JSB chorales, optionally its first {@code limit} chorales (0 = all). */
        record Chorales(MusicSource source, ChoraleDataset.Split split, int limit) implements Data {
        }

        /**
         * MIDI performances (a folder, several, or the bundled songs): every piece, or only the
         * pieces that training on the same source held out ({@code heldOut}); then optionally the
         * first {@code limit} of those pieces (0 = all).
         */
        record Performances(MusicSource source, boolean heldOut, int limit) implements Data {
        }
    }

    /** Scores {@code checkpoint} (named {@code name} in the result) on {@code data}. */
    public static Score evaluate(Path checkpoint, String name, Data data) {
        Checkpoint.Loaded loaded = Checkpoint.load(checkpoint, Precision.FLOAT32);
        return evaluate(loaded.model(), loaded.tokens(), name, data);
    }

    /** Scores {@code model} with token scheme {@code tokens} on {@code data}. */
    public static Score evaluate(DecoderModel model, TokenScheme tokens, String name, Data data) {
        if (data instanceof Data.Images images) {
            if (!(tokens instanceof Pixels pixels)) {
                throw new UserError(name + ": not an image model (" + tokens.label() + "); give it music data");
            }
            ImageSet set = images(images, pixels.order());
            ImageData d = new ImageData(set, set, pixels.order(), BATCH).withClassConditions(pixels.classes() > 0);
            return score(model, name, images.source().label() + (images.heldOut() != null ? ", held out" : "")
                    + " (" + count(set.count(), "image") + ")", d.validationBatches(), tokens, Double.NaN, null);
        }
        if (!(tokens instanceof MusicTokens music)) {
            throw new UserError(name + ": not a music model (" + tokens.label() + "); give it image data");
        }
        int length = model.config().maxLength();
        if (data instanceof Data.Chorales c) {
            if (!(music instanceof MusicTokens.ChoraleGrid)) {
                throw new UserError(name + ": a performance model cannot be scored on chorales; give --data MIDI");
            }
            ChoraleDataset chorales = MusicSource.choraleDataset(c.source());
            if (c.limit() > 0) {
                chorales = chorales.firstOf(c.split(), c.limit());
            }
            ChoraleData d = ChoraleData.evaluation(chorales, c.split(), length, BATCH, c.source());
            double nats = Workers.threads(1).evaluate(model, d.validationBatches());
            int n = chorales.split(c.split()).size();
            return new Score(name, c.source() + " " + c.split().key() + " split (" + count(n, "chorale") + ")",
                    d.validationTokens(), nats, nats, "nats/token", d.natsPerNote(nats), "nats/note", null);
        }
        Data.Performances p = (Data.Performances) data;
        if (!(music instanceof MusicTokens.PerformanceEvents)) {
            throw new UserError(name + ": a chorale model cannot be scored on MIDI performances; give --chorales");
        }
        PerformanceCorpus corpus = p.source().corpus(w -> System.err.println("warning: " + w));
        if (p.heldOut()) {
            List<PerformanceCorpus.Piece> held = PerformanceData.of(corpus, length, BATCH, Augmentation.none(),
                    p.source()).validationPieces();
            corpus = PerformanceCorpus.of(held, 0);
        }
        if (p.limit() > 0 && p.limit() < corpus.pieces().size()) {
            corpus = PerformanceCorpus.of(corpus.pieces().subList(0, p.limit()), 0);
        }
        PerformanceData d = PerformanceData.evaluation(corpus, length, BATCH);
        return score(model, name, p.source() + (p.heldOut() ? ", held out" : "") + " ("
                + count(d.validationPieces().size(), "piece") + ")", d.validationBatches(), tokens, Double.NaN, null);
    }

    /** "1 piece", "10,000 images". */
    static String count(int n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** The images {@code data} names, fitted to the geometry of {@code order}. */
    public static ImageSet images(Data.Images data, ImageOrder order) {
        ImageSet set = data.source().load(order.height(), order.width(), order.channels());
        if (data.heldOut() != null) {
            Data.HeldOutImages h = data.heldOut();
            if (h.trainingLimit() > 0 && h.trainingLimit() < set.count()) {
                set = set.subset(0, h.trainingLimit());
            }
            set = HeldOut.split(set, HeldOut.count(set.count(), h.validation())).second();
        }
        if (data.limit() > 0 && data.limit() < set.count()) {
            set = set.subset(0, data.limit());
        }
        return set;
    }

    private static Score score(DecoderModel model, String name, String data, List<Batch> batches, TokenScheme tokens,
            double second, String secondUnit) {
        double nats = Workers.threads(1).evaluate(model, batches);
        long targets = batches.stream().mapToLong(Batch::countedTargets).sum();
        return new Score(name, data, targets, nats, tokens.lossUnit().convert(nats, batches), tokens.lossUnit().label(),
                second, secondUnit, null);
    }
}

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
import org.attentionsuite.music.train.MusicData;
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
         * held out of it ({@code heldOut} non-null); then optionally the first {@code limit} (0 = all);
         * images of another size or colour than the model's as {@code fitting} says.
         */
        record Images(ImageSource source, HeldOutImages heldOut, int limit, Fitting fitting) implements Data {
        }

        /** Images of another size, or colour images for a gray model. */
        enum Fitting {
            /** Refused: the model cannot have been made for them. */
            REFUSE,
            /** Fitted as training fitted them: they are the data the model trained on. */
            AS_TRAINED,
            /** Fitted because the user asked ({@code --fit}); the score's data says so. */
            ASKED
        }

        /**
         * The images a training run held out for validation: the run's {@code --limit} (0 = all),
         * {@code --validation} count and {@code --flip}, as its checkpoint recorded them. They are
         * held out only of the very data that run trained on, which the checkpoint's data
         * fingerprint identifies.
         */
        record HeldOutImages(int trainingLimit, int validation, boolean flips) {
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

    /** Scores {@code checkpoint} (named {@code name} in the result) on {@code data}, computing on {@code workers}. */
    public static Score evaluate(Path checkpoint, String name, Data data, Workers workers) {
        return evaluate(Checkpoint.load(checkpoint, Precision.FLOAT32), name, data, workers);
    }

    /** Scores a loaded checkpoint (named {@code name} in the result) on {@code data}, computing on {@code workers}. */
    public static Score evaluate(Checkpoint.Loaded loaded, String name, Data data, Workers workers) {
        return evaluate(loaded.model(), loaded.tokens(), loaded.provenance().dataFingerprint(), name, data, workers);
    }

    /**
     * Scores {@code model} with token scheme {@code tokens} on {@code data}, computing on
     * {@code workers} (the score does not depend on them).
     *
     * @param trainedOn the fingerprint of the data the model trained on ({@link
     *     org.attentionsuite.core.train.DataSource#fingerprint}): held-out data is scored only if it
     *     is that data's held-out part
     */
    public static Score evaluate(DecoderModel model, TokenScheme tokens, String trainedOn, String name, Data data,
            Workers workers) {
        if (data instanceof Data.Images images) {
            if (!(tokens instanceof Pixels pixels)) {
                throw new UserError(name + ": not an image model (" + tokens.label() + "); give it music data");
            }
            ImageSet set = images(images, pixels, trainedOn);
            ImageData d = new ImageData(set, set, pixels.order(), BATCH).withClassConditions(pixels.classes() > 0);
            return score(model, name, images.source().label() + (images.heldOut() != null ? ", held out" : "")
                    + (images.fitting() == Data.Fitting.ASKED ? ", fitted to " + pixels.order().label() : "")
                    + " (" + count(set.count(), "image") + ")", d.validationBatches(), tokens, workers);
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
            double nats = workers.evaluate(model, d.validationBatches());
            int n = chorales.split(c.split()).size();
            return new Score(name, c.source() + " " + c.split().key() + " split (" + count(n, "chorale") + ")",
                    d.validationTokens(), nats, nats, "nats/token", d.natsPerNote(nats), "nats/note", null);
        }
        Data.Performances p = (Data.Performances) data;
        if (!(music instanceof MusicTokens.PerformanceEvents)) {
            throw new UserError(name + ": a chorale model cannot be scored on MIDI performances; give --chorales");
        }
        PerformanceCorpus corpus;
        if (p.heldOut()) {
            MusicData opened = p.source().open(length, BATCH, w -> System.err.println("warning: " + w));
            requireTrainedOn(opened.fingerprint(), trainedOn, p.source().toString());
            corpus = PerformanceCorpus.of(((PerformanceData) opened).validationPieces(), 0);
        } else {
            corpus = p.source().corpus(w -> System.err.println("warning: " + w));
        }
        if (p.limit() > 0 && p.limit() < corpus.pieces().size()) {
            corpus = PerformanceCorpus.of(corpus.pieces().subList(0, p.limit()), 0);
        }
        PerformanceData d = PerformanceData.evaluation(corpus, length, BATCH);
        return score(model, name, p.source() + (p.heldOut() ? ", held out" : "") + " ("
                + count(d.validationPieces().size(), "piece") + ")", d.validationBatches(), tokens, workers);
    }

    /**
     * Refuses to call data held out unless its fingerprint, built as training builds it, is the
     * one the checkpoint recorded: on other data nobody knows which part was held out.
     */
    private static void requireTrainedOn(String fingerprint, String trainedOn, String data) {
        if (!fingerprint.equals(trainedOn)) {
            throw new UserError("--held-out: " + data + " is not the data the checkpoint was trained on (its "
                    + "fingerprint " + abbreviated(fingerprint) + ", the checkpoint's " + abbreviated(trainedOn)
                    + "), so which part of it was held out is unknown; give the training data (and its --limit), "
                    + "or score without --held-out");
        }
    }

    private static String abbreviated(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.length() > 19 ? fingerprint.substring(0, 19) + "…"
                : fingerprint;
    }

    /** "1 piece", "10,000 images". */
    static String count(int n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /**
     * The images {@code data} names, of the geometry of the model's order (fitted to it or refused
     * as {@code data.fitting()} says); the held-out part only after checking that
     * the data is the data the model trained on (the checkpoint's data fingerprint).
     */
    public static ImageSet images(Data.Images data, Checkpoint.Loaded loaded) {
        if (!(loaded.tokens() instanceof Pixels pixels)) {
            throw new UserError(loaded.file() + ": not an image model (" + loaded.tokens().label() + ")");
        }
        return images(data, pixels, loaded.provenance().dataFingerprint());
    }

    private static ImageSet images(Data.Images data, Pixels pixels, String trainedOn) {
        ImageOrder order = pixels.order();
        ImageSet set = data.source().load(order.height(), order.width(), order.channels(),
                data.fitting() == Data.Fitting.REFUSE ? ImageSource.Fit.REFUSE : ImageSource.Fit.CONVERT);
        if (data.heldOut() != null) {
            Data.HeldOutImages h = data.heldOut();
            if (h.trainingLimit() > 0 && h.trainingLimit() < set.count()) {
                set = set.subset(0, h.trainingLimit());
            }
            ImageSet.Split split = HeldOut.split(set, HeldOut.count(set.count(), h.validation()));
            requireTrainedOn(new ImageData(split.first(), split.second(), order, BATCH).withFlips(h.flips())
                    .withClassConditions(pixels.classes() > 0).fingerprint(), trainedOn, data.source().label());
            set = split.second();
        }
        if (data.limit() > 0 && data.limit() < set.count()) {
            set = set.subset(0, data.limit());
        }
        return set;
    }

    private static Score score(DecoderModel model, String name, String data, List<Batch> batches, TokenScheme tokens,
            Workers workers) {
        double nats = workers.evaluate(model, batches);
        long targets = batches.stream().mapToLong(Batch::countedTargets).sum();
        return new Score(name, data, targets, nats, tokens.lossUnit().convert(nats, batches), tokens.lossUnit().label(),
                Double.NaN, null, null);
    }
}

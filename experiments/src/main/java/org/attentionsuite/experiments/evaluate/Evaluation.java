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
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.image.train.ImageData;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.model.MusicTokens;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.train.ChoraleData;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.PerformanceData;
import org.attentionsuite.music.train.PieceSplit;

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
         * Images of a data source (IDX, CIFAR-10, folder, bundled): all of them ({@code part} null),
         * or one part of how a training run split them; then the images from the {@code from}th
         * (0-based), at most {@code limit} of them (0 = all); images of another size or colour than
         * the model's as {@code fitting} says.
         */
        record Images(ImageSource source, ImagePart part, int from, int limit, Fitting fitting) implements Data {
            public Images {
                if (from < 0 || limit < 0) {
                    throw new UserError("--limit (" + limit + ") and the first image (" + from + ") must be >= 0");
                }
            }
        }

        /**
         * One part of the images a training run split: its recorded {@code split} ({@code --limit},
         * {@code --validation}, {@code --test}, {@code --split-seed}) and {@code --flip}, and the
         * {@code part} to score (the images it trained on, validated on, or never saw). They are a
         * part only of the very data that run trained on, which the checkpoint's data fingerprint
         * identifies.
         */
        record ImagePart(ImageSplit split, boolean flips, DataSplit part) {
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

        /** A split of the JSB chorales, optionally its first {@code limit} chorales (0 = all). */
        record Chorales(MusicSource source, DataSplit split, int limit) implements Data {
        }

        /**
         * MIDI performances (a folder, several, or the bundled songs): every piece ({@code split} null),
         * or one part of how a training run split them ({@code split}, {@code part}); then optionally
         * the first {@code limit} of those pieces (0 = all).
         */
        record Performances(MusicSource source, PieceSplit split, DataSplit part, int limit) implements Data {
            public Performances {
                if (split != null && part == null) {
                    throw new IllegalArgumentException("a split needs the part to score");
                }
            }
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
     *     org.attentionsuite.core.train.DataSource#fingerprint}): a part of a training run's split
     *     is scored only if the data is that run's
     */
    public static Score evaluate(DecoderModel model, TokenScheme tokens, String trainedOn, String name, Data data,
            Workers workers) {
        if (data instanceof Data.Images images) {
            if (!(tokens instanceof Pixels pixels)) {
                throw new UserError(name + ": not an image model (" + tokens.label() + "); give it music data");
            }
            ImageSet set = images(images, pixels, trainedOn);
            ImageData d = new ImageData(set, set, pixels.order(), BATCH).withClassConditions(pixels.classes() > 0);
            return score(model, name, images.source().label() + part(images.part())
                    + (images.fitting() == Data.Fitting.ASKED ? ", fitted to " + pixels.order().label() : "")
                    + " (" + count(set.count(), "image") + ")", d.validationBatches(), tokens, workers);
        }
        if (!(tokens instanceof MusicTokens music)) {
            throw new UserError(name + ": not a music model (" + tokens.label() + "); give it image data");
        }
        int length = model.config().maxLength();
        if (data instanceof Data.Chorales c) {
            if (!(music instanceof MusicTokens.ChoraleGrid)) {
                throw new UserError(name + ": a performance model cannot be scored on chorales; give --midi");
            }
            ChoraleDataset chorales = MusicSource.choraleDataset(c.source());
            if (c.limit() > 0) {
                chorales = chorales.firstOf(c.split(), c.limit());
            }
            ChoraleData d = ChoraleData.evaluation(chorales, c.split(), length, BATCH, c.source());
            double nats = workers.evaluate(model, d.validationBatches());
            int n = chorales.split(c.split()).size();
            return new Score(name, c.source() + " " + c.split().key() + " split (" + count(n, "chorale") + ")",
                    d.validationTokens(), nats, nats, "nats/token", d.natsPerNote(nats), "nats/note", null, null);
        }
        Data.Performances p = (Data.Performances) data;
        if (!(music instanceof MusicTokens.PerformanceEvents)) {
            throw new UserError(name + ": a chorale model cannot be scored on MIDI performances; give --chorales");
        }
        List<PerformanceCorpus.Piece> pieces = p.source().corpus(w -> System.err.println("warning: " + w)).pieces();
        if (p.split() != null) {
            requireTrainedOn(p.source().open(length, BATCH, p.split(), w -> { }).fingerprint(), trainedOn,
                    p.source().toString());                     // as training opens it; warnings said above
            pieces = p.split().apply(pieces, p.source()).get(p.part());
        }
        if (p.limit() > 0 && p.limit() < pieces.size()) {
            pieces = pieces.subList(0, p.limit());
        }
        if (pieces.isEmpty()) {
            throw new UserError(p.source() + part(p.split(), p.part()) + ": no pieces to score");
        }
        PerformanceData d = PerformanceData.evaluation(PerformanceCorpus.of(pieces, 0), length, BATCH);
        return score(model, name, p.source() + part(p.split(), p.part()) + " (" + count(pieces.size(), "piece") + ")",
                d.validationBatches(), tokens, workers);
    }

    /**
     * Refuses to score a part of a training run's split unless the data's fingerprint, built as
     * training builds it, is the one the checkpoint recorded: on other data nobody knows which part
     * the run trained on, validated on or never saw.
     */
    private static void requireTrainedOn(String fingerprint, String trainedOn, String data) {
        if (!fingerprint.equals(trainedOn)) {
            throw new UserError("--split: " + data + " is not the data the checkpoint was trained on (its "
                    + "fingerprint " + abbreviated(fingerprint) + ", the checkpoint's " + abbreviated(trainedOn)
                    + "), so which part of it the run trained on, validated on or never saw is unknown; give the "
                    + "training data, or score all of this data without --split");
        }
    }

    private static String abbreviated(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.length() > 19 ? fingerprint.substring(0, 19) + "…"
                : fingerprint;
    }

    /** {@code ", test split"} for a part of an image training run's split, else nothing. */
    private static String part(Data.ImagePart part) {
        return part == null ? "" : part(part.split(), part.part());
    }

    /** {@code ", test split"} for a part of a training run's split, else nothing. */
    private static String part(Object split, DataSplit part) {
        return split == null ? "" : ", " + part.key() + " split";
    }

    /** "1 piece", "10,000 images". */
    static String count(int n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /**
     * The images {@code data} names, of the geometry of the model's order (fitted to it or refused
     * as {@code data.fitting()} says); a part of a training run's split only after checking that
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
        if (data.part() != null) {
            ImageSplit.Parts parts = data.part().split().apply(set);
            requireTrainedOn(new ImageData(parts.train(), parts.validation(), order, BATCH)
                    .withFlips(data.part().flips()).withClassConditions(pixels.classes() > 0).fingerprint(), trainedOn,
                    data.source().label());
            set = parts.get(data.part().part());
        }
        int from = Math.min(data.from(), set.count());
        int to = data.limit() > 0 ? (int) Math.min(set.count(), (long) from + data.limit()) : set.count();
        set = set.subset(from, to);
        if (set.count() == 0) {
            throw new UserError(data.source().label() + part(data.part()) + ": no images to score");
        }
        return set;
    }

    private static Score score(DecoderModel model, String name, String data, List<Batch> batches, TokenScheme tokens,
            Workers workers) {
        double nats = workers.evaluate(model, batches);
        long targets = batches.stream().mapToLong(Batch::countedTargets).sum();
        return new Score(name, data, targets, nats, tokens.lossUnit().convert(nats, batches), tokens.lossUnit().label(),
                Double.NaN, null, null, null);
    }
}

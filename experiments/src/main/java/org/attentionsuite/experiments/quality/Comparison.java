package org.attentionsuite.experiments.quality;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.core.train.TrainingTask;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSets;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.image.train.ImageData;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.train.ChoraleData;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;

/**
 * One comparison of the papers: its arms (variants of a domain catalogue), how an arm is trained —
 * always through the domain's own options and training, so an arm and a user's {@code image train}
 * or {@code music train} with the same settings are the same run — and how its best checkpoint is
 * scored on the held-out test split.
 */
public sealed interface Comparison permits Comparison.Images, Comparison.Chorales {
    /** Short name, used in file names ({@code compare-<name>.md}). */
    String name();

    /** The arms, in table order. */
    List<AttentionVariant> arms();

    /** Sizes and budgets. */
    ComparisonPreset preset();

    /** The unit of validation and test losses, e.g. {@code "bits/dim"}. */
    String unit();

    /** A second test unit (nats/note for chorales), or {@code null}. */
    default String secondUnit() {
        return null;
    }

    /** The command-line options of one arm's run: the same as {@code image train} or {@code music train} take. */
    Object options(AttentionVariant arm, long seed, Path out);

    /** The training session task of one arm for one seed, writing into {@code out}. */
    TrainingTask task(AttentionVariant arm, long seed, Path out);

    /** Trains one arm for one seed into {@code out}, replacing an unfinished run there. */
    default TrainingResult train(AttentionVariant arm, long seed, Path out, PrintStream log,
            List<TrainingListener> listeners) {
        return TrainingSession.run(task(arm, seed, out), log, listeners);
    }

    /** The test loss of {@code checkpoint}: in {@link #unit()} and, if any, in {@link #secondUnit()} (else NaN). */
    double[] test(Path checkpoint);

    /** One sentence on the model, data and budget of every arm, for the report. */
    String setup();

    /**
     * What the paper leads one to expect of this comparison, checked against {@code r}: one line
     * per claim, saying whether it held, reported whatever comes out.
     */
    List<String> expectations(ComparisonResult r);

    /** {@code d 64, 4 heads, 2 layers, dropout 0.1}. */
    private static String size(ModelSize m) {
        return String.format(Locale.ROOT, "Model: d %d, %d heads, %d layer%s, dropout %s", m.dModel(), m.heads(),
                m.layers(), m.layers() == 1 ? "" : "s", m.dropout());
    }

    /** The Fashion-MNIST comparison of the Image Transformer: full vs local 1D vs local 2D, bits/dim. */
    record Images(ComparisonPreset preset) implements Comparison {
        /** Test images of t10k when the full set is used (the first 2,000, a fixed slice). */
        static final int FULL_TEST = 2000;
        /** Debian's Fashion-MNIST. */
        static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

        @Override
        public String name() {
            return "images";
        }

        @Override
        public List<AttentionVariant> arms() {
            return List.of(ImageAttention.FULL, ImageAttention.LOCAL1D, ImageAttention.LOCAL2D);
        }

        @Override
        public String unit() {
            return "bits/dim";
        }

        @Override
        public ImageTrainingOptions options(AttentionVariant arm, long seed, Path out) {
            ComparisonPreset.ImageArms a = preset.images();
            return ImageTrainingOptions.of(source(), 28, 1, out)
                    .withAttention((ImageAttention) arm).withModel(a.model())
                    .withImageLimit(a.images()).withValidationImages(a.validation())
                    .withTraining(new TrainingOptions(a.steps(), a.batch(), a.lr(), 0, preset.evalEvery(),
                            preset.patience(), seed, Schedule.INVERSE_SQRT));
        }

        @Override
        public String setup() {
            ComparisonPreset.ImageArms a = preset.images();
            String data = a.fullData()
                    ? String.format(Locale.ROOT, "%s of Debian's Fashion-MNIST training set (the last %,d of them "
                            + "validate); test: the first %,d images of t10k", a.images() == 0 ? "all 60,000 images"
                            : String.format(Locale.ROOT, "the first %,d images", a.images()), a.validation(), FULL_TEST)
                    : String.format(Locale.ROOT, "the first %,d of the bundled 2,000 Fashion-MNIST images, %,d to "
                            + "train and the last %,d to validate; test: bundled images %,d..1,999", a.images(),
                            a.images() - a.validation(), a.validation(), ComparisonPreset.ImageArms.BUNDLED_POOL);
            return String.format(Locale.ROOT, "Images, 28x28, one channel: %s. %s; batch %d, peak learning rate %s, "
                    + "at most %,d steps.", data, size(a.model()), a.batch(), a.lr(), a.steps());
        }

        private ImageSource source() {
            return preset.images().fullData() ? new ImageSource.Idx(DEBIAN) : new ImageSource.Bundled();
        }

        @Override
        public TrainingTask task(AttentionVariant arm, long seed, Path out) {
            ImageTrainingOptions o = options(arm, seed, out);
            return ImageTraining.task(o.withRun(o.run().withStart(new Start.Overwrite())));
        }

        @Override
        public double[] test(Path checkpoint) {
            Checkpoint.Loaded l = Checkpoint.load(checkpoint, Precision.FLOAT32);
            Pixels pixels = (Pixels) l.tokens();
            ImageSet test = testImages();
            ImageData data = new ImageData(test, test, pixels.order(), 16);
            double nats = Workers.threads(1).evaluate(l.model(), data.validationBatches());
            return new double[] {nats / Math.log(2), Double.NaN};
        }

        /** Local 2D within 2% bits/dim of full attention at no more than half its time per step. */
        @Override
        public List<String> expectations(ComparisonResult r) {
            ComparisonResult.ArmSummary full = r.summary(ImageAttention.FULL.id());
            ComparisonResult.ArmSummary local = r.summary(ImageAttention.LOCAL2D.id());
            ComparisonResult.Timing fullTime = r.timing(ImageAttention.FULL.id());
            ComparisonResult.Timing localTime = r.timing(ImageAttention.LOCAL2D.id());
            if (full.test().n() == 0 || local.test().n() == 0 || fullTime == null || localTime == null) {
                return List.of();
            }
            double worse = local.test().mean() / full.test().mean() - 1;
            double faster = fullTime.secondsPerStep() / localTime.secondsPerStep();
            boolean close = worse <= 0.02;
            boolean fast = faster >= 2;
            String verdict = close && fast ? "**held**"
                    : "**did not hold** (" + (close ? "within 2%, " : "not within 2%, ")
                            + (fast ? "at least 2x faster)" : "less than 2x faster)");
            return List.of(String.format(Locale.ROOT, "Local 2D within 2%% bits/dim of full attention at "
                    + "≥ 2x less time per step: %s. Its mean test bits/dim is %+.2f%% of full attention's (%.4f vs "
                    + "%.4f) at %.2fx less time per step.", verdict, 100 * worse,
                    local.test().mean(), full.test().mean(), faster));
        }

        /** The test images: bundled 1,800..1,999, or the first 2,000 of Debian's t10k. */
        ImageSet testImages() {
            if (preset.images().fullData()) {
                ImageSet t10k = new ImageSource.Idx(DEBIAN.resolve("t10k-images-idx3-ubyte.gz")).load(28, 28, 1);
                return t10k.subset(0, FULL_TEST);
            }
            ImageSet all = BundledImages.fashionMnist2k();
            return ImageSets.fit(all.subset(ComparisonPreset.ImageArms.BUNDLED_POOL, all.count()), 28, 28, 1);
        }
    }

    /** The JSB chorale comparison of the Music Transformer: absolute vs relative, nats/token and nats/note. */
    record Chorales(ComparisonPreset preset, MusicSource source) implements Comparison {
        @Override
        public String name() {
            return "chorales";
        }

        @Override
        public List<AttentionVariant> arms() {
            return List.of(MusicAttention.ABSOLUTE, MusicAttention.RELATIVE);
        }

        @Override
        public String unit() {
            return "nats/token";
        }

        @Override
        public String secondUnit() {
            return "nats/note";
        }

        @Override
        public String setup() {
            ComparisonPreset.ChoraleArms a = preset.chorales();
            return String.format(Locale.ROOT, "Chorales: JSB (%s), its train/valid/test splits, windows of %d tokens. %s; "
                    + "batch %d, peak learning rate %s after %,d warm-up steps, at most %,d steps.", source,
                    a.length(), size(a.model()), a.batch(), a.lr(), a.warmup(), a.steps());
        }

        /** Relative attention below absolute positions by more than the seeds' spread. */
        @Override
        public List<String> expectations(ComparisonResult r) {
            ComparisonResult.ArmSummary absolute = r.summary(MusicAttention.ABSOLUTE.id());
            ComparisonResult.ArmSummary relative = r.summary(MusicAttention.RELATIVE.id());
            if (absolute.test().n() == 0 || relative.test().n() == 0) {
                return List.of();
            }
            double gap = absolute.test().mean() - relative.test().mean();
            if (absolute.test().n() < 2 || relative.test().n() < 2) {
                return List.of(String.format(Locale.ROOT, "Relative attention below absolute positions by "
                        + "more than the seeds' spread: **not judged** (one seed has no spread; run --seeds 2 or "
                        + "more). Mean test %.4f vs %.4f nats/token: a gap of %.4f.", relative.test().mean(),
                        absolute.test().mean(), gap));
            }
            double spread = absolute.test().sd() + relative.test().sd();
            boolean held = gap > spread;
            return List.of(String.format(Locale.ROOT, "Relative attention below absolute positions by more "
                    + "than the seeds' spread: %s. Mean test %.4f vs %.4f nats/token: a gap of %.4f against a spread "
                    + "(sum of the two standard deviations) of %.4f.", held ? "**held**" : "**did not hold**",
                    relative.test().mean(), absolute.test().mean(), gap, spread));
        }

        @Override
        public MusicTrainingOptions options(AttentionVariant arm, long seed, Path out) {
            ComparisonPreset.ChoraleArms a = preset.chorales();
            return MusicTrainingOptions.defaults(source, out)
                    .withAttention((MusicAttention) arm).withSize(a.model()).withLength(a.length())
                    .withTraining(new TrainingOptions(a.steps(), a.batch(), a.lr(), a.warmup(), preset.evalEvery(),
                            preset.patience(), seed, Schedule.INVERSE_SQRT));
        }

        @Override
        public TrainingTask task(AttentionVariant arm, long seed, Path out) {
            MusicTrainingOptions o = options(arm, seed, out);
            return MusicTraining.task(o.withRun(o.run().withStart(new Start.Overwrite())));
        }

        @Override
        public double[] test(Path checkpoint) {
            Checkpoint.Loaded l = Checkpoint.load(checkpoint, Precision.FLOAT32);
            ChoraleData data = ChoraleData.evaluation(MusicSource.choraleDataset(source), ChoraleDataset.Split.TEST,
                    l.model().config().maxLength(), 8, source);
            double nats = Workers.threads(1).evaluate(l.model(), data.validationBatches());
            return new double[] {nats, data.natsPerNote(nats)};
        }
    }
}

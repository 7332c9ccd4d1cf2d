package org.attentionsuite.experiments.quality;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.core.train.TrainingTask;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.image.data.ImageSplit;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicModels;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;

/**
 * One comparison of the papers: its arms, how an arm is trained — always through the domain's own
 * options and training, so an arm and a user's {@code image train} or {@code music train} with the
 * same settings are the same run — and the test split its best checkpoints are scored on, by the
 * same {@link Evaluation} as {@code suite evaluate}.
 */
public sealed interface Comparison permits Comparison.Images, Comparison.Chorales {
    /** Short name, used in file names ({@code compare-<name>.md}). */
    String name();

    /** The arms, in table order. */
    List<Arm> arms();

    /** The arm called {@code name}. */
    default Arm arm(String name) {
        return arms().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not an arm of " + name()));
    }

    /**
     * One arm of a comparison: an attention variant of a domain catalogue at a model size.
     *
     * @param name      the arm's name: its run folder ({@code <runs>/<name>/seed-<n>}) and table row
     * @param attention the variant
     * @param size      the model's width, heads, depth, dropout and feed-forward width
     */
    record Arm(String name, AttentionVariant attention, ModelSize size) {
    }

    /** Sizes and budgets. */
    ComparisonPreset preset();

    /** The unit of validation and test losses, e.g. {@code "bits/dim"}. */
    String unit();

    /** A second test unit (nats/note for chorales), or {@code null}. */
    default String secondUnit() {
        return null;
    }

    /** The options of one arm's run: the same as {@code image train} or {@code music train} take. */
    TrainingPlan options(Arm arm, long seed, Path out);

    /**
     * The training session task of one arm for one seed, starting in {@code out} as {@code start}
     * says and computing on {@code workers} (which do not change its numbers).
     */
    TrainingTask task(Arm arm, long seed, Path out, Workers workers, Start start);

    /**
     * Trains one arm for one seed into {@code out} on {@code workers}: afresh, replacing anything
     * there ({@link Start.Overwrite}), or continuing that run's checkpoint ({@link Start.Resume}).
     */
    default TrainingResult train(Arm arm, long seed, Path out, Workers workers, Start start, PrintStream log,
            List<TrainingListener> listeners) {
        return TrainingSession.run(task(arm, seed, out, workers, start), log, listeners);
    }

    /** The test split, as {@code suite evaluate} scores it. */
    Evaluation.Data testData();

    /** The score of {@code checkpoint} on the test split, computed on {@code workers}. */
    default Score test(Path checkpoint, Workers workers) {
        return Evaluation.evaluate(checkpoint, checkpoint.toString(), testData(), workers);
    }

    /** One sentence on the model, data and budget of every arm, for the report. */
    String setup();

    /**
     * What the paper (or the project) leads one to expect of this comparison, checked against
     * {@code r}: one line per claim, saying whose claim it is and whether it held, reported
     * whatever comes out.
     */
    List<String> expectations(ComparisonResult r);

    /**
     * The mean number of key positions a query of {@code arm}'s model is scored against:
     * {@code S / L} of its attention's cost model (the causal half for global attention, whole
     * query blocks for local attention), what its time per step grows with.
     */
    default double keysPerQuery(Arm arm) {
        ModelConfig c = options(arm, 1, Path.of("(geometry)")).modelConfig();
        return (double) c.attention().scoreEntries(c.maxLength()) / c.maxLength();
    }

    /** The parameter count of {@code arm}'s model. */
    default int parameters(Arm arm) {
        return parameters(options(arm, 1, Path.of("(size)")).modelConfig());
    }

    /** The parameter count of a model built from {@code config}. */
    private static int parameters(ModelConfig config) {
        return new DecoderModel(config, Precision.FLOAT32, 1).parameterCount();
    }

    /** {@code d 64, 4 heads, 2 layers, dropout 0.1}. */
    private static String size(ModelSize m) {
        return String.format(Locale.ROOT, "Model: d %d, %d heads, %d layer%s, dropout %s", m.dModel(), m.heads(),
                m.layers(), m.layers() == 1 ? "" : "s", m.dropout());
    }

    /**
     * Whether {@code better}'s mean test loss is below {@code worse}'s by more than the seeds'
     * spread (the sum of the two standard deviations), as one line starting with {@code claim}.
     */
    private static String below(String claim, ComparisonResult.ArmSummary better, ComparisonResult.ArmSummary worse,
            String unit) {
        double gap = worse.test().mean() - better.test().mean();
        if (better.test().n() < 2 || worse.test().n() < 2) {
            return String.format(Locale.ROOT, "%s: **not judged** (one seed has no spread; run --seeds 2 or more). "
                    + "Mean test %.4f vs %.4f %s: a gap of %.4f.", claim, better.test().mean(), worse.test().mean(),
                    unit, gap);
        }
        double spread = better.test().sd() + worse.test().sd();
        return String.format(Locale.ROOT, "%s: %s. Mean test %.4f vs %.4f %s: a gap of %.4f against a spread (sum of "
                + "the two standard deviations) of %.4f.", claim, gap > spread ? "**held**" : "**did not hold**",
                better.test().mean(), worse.test().mean(), unit, gap, spread);
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
        public List<Arm> arms() {
            ModelSize size = preset.images().model();
            return List.of(ImageAttention.FULL, ImageAttention.LOCAL1D, ImageAttention.LOCAL2D).stream()
                    .map(a -> new Arm(a.id(), a, size)).toList();
        }

        @Override
        public String unit() {
            return "bits/dim";
        }

        @Override
        public ImageTrainingOptions options(Arm arm, long seed, Path out) {
            ComparisonPreset.ImageArms a = preset.images();
            return ImageTrainingOptions.of(source(), 28, 1, out)
                    .withAttention((ImageAttention) arm.attention()).withModel(arm.size())
                    .withSplit(ImageSplit.of(a.images(), a.validation()))
                    .withTraining(new TrainingOptions(a.steps(), a.batch(), a.lr(), 0, preset.evalEvery(),
                            preset.patience(), seed, Schedule.INVERSE_SQRT));
        }

        @Override
        public String setup() {
            ComparisonPreset.ImageArms a = preset.images();
            String data = a.fullData()
                    ? String.format(Locale.ROOT, "%s of Debian's Fashion-MNIST training set, shuffled with seed %d "
                            + "(the last %,d of that order validate); test: the first %,d images of t10k",
                            a.images() == 0 ? "all 60,000 images" : String.format(Locale.ROOT, "the first %,d images",
                                    a.images()), ImageSplit.SEED, a.validation(), FULL_TEST)
                    : String.format(Locale.ROOT, "the first %,d of the bundled 2,000 Fashion-MNIST images, shuffled "
                            + "with seed %d: %,d train and the last %,d of that order validate%s; test: bundled images "
                            + "%,d..1,999", a.images(), ImageSplit.SEED, a.images() - a.validation(), a.validation(),
                            a.images() < ComparisonPreset.ImageArms.BUNDLED_POOL ? String.format(Locale.ROOT,
                                    " (bundled images %,d..%,d are not used)", a.images(),
                                    ComparisonPreset.ImageArms.BUNDLED_POOL - 1) : "",
                            ComparisonPreset.ImageArms.BUNDLED_POOL);
            return String.format(Locale.ROOT, "Images, 28x28, one channel: %s. %s; batch %d, peak learning rate %s, "
                    + "at most %,d steps.", data, size(a.model()), a.batch(), a.lr(), a.steps());
        }

        private ImageSource source() {
            return preset.images().fullData() ? new ImageSource.Idx(DEBIAN) : new ImageSource.Bundled();
        }

        @Override
        public TrainingTask task(Arm arm, long seed, Path out, Workers workers, Start start) {
            ImageTrainingOptions o = options(arm, seed, out);
            return ImageTraining.task(o.withRun(o.run().withStart(start).withWorkers(workers)));
        }

        /** Bundled images 1,800..1,999, or the first 2,000 of Debian's t10k. */
        @Override
        public Evaluation.Data testData() {
            return preset.images().fullData()
                    ? new Evaluation.Data.Images(new ImageSource.Idx(DEBIAN.resolve("t10k-images-idx3-ubyte.gz")),
                            null, 0, FULL_TEST, Evaluation.Data.Fitting.REFUSE)
                    : new Evaluation.Data.Images(new ImageSource.Bundled(), null,
                            ComparisonPreset.ImageArms.BUNDLED_POOL, 0, Evaluation.Data.Fitting.REFUSE);
        }

        /**
         * The project's expectation, not the paper's (Parmar et al. compare local 1D with local 2D,
         * not with full attention): local 2D within 2% bits/dim of full attention at no more than
         * half its time per step, in every back-to-back timing.
         */
        @Override
        public List<String> expectations(ComparisonResult r) {
            ComparisonResult.ArmSummary full = r.summary(ImageAttention.FULL.id());
            ComparisonResult.ArmSummary local = r.summary(ImageAttention.LOCAL2D.id());
            if (full.test().n() == 0 || local.test().n() == 0 || r.timing() == null) {
                return List.of();
            }
            double worse = local.test().mean() / full.test().mean() - 1;
            double[] faster = r.timing().speedup(ImageAttention.LOCAL2D.id(), ImageAttention.FULL.id());
            boolean close = worse <= 0.02;
            String fast = faster[0] >= 2 ? "at least 2x faster" : faster[1] < 2 ? "less than 2x faster"
                    : "2x faster in some timings, not in all";
            String verdict = close && faster[0] >= 2 ? "**held**"
                    : "**did not hold** (" + (close ? "within 2%, " : "not within 2%, ") + fast + ")";
            double localKeys = keysPerQuery(arm(ImageAttention.LOCAL2D.id()));
            double fullKeys = keysPerQuery(arm(ImageAttention.FULL.id()));
            return List.of(String.format(Locale.ROOT, "Local 2D within 2%% bits/dim of full attention at "
                    + "≥ 2x less time per step (the project's expectation, not the paper's: Parmar et al. compare "
                    + "local 1D with local 2D): %s. Its mean test bits/dim is %+.2f%% of full attention's (%.4f vs "
                    + "%.4f) at %s less time per step in %d back-to-back timings. A query is scored against %.1f "
                    + "keys on average, against full attention's %.1f: at 28x28 its memory covers so much of the image "
                    + "that its attention does at most %.1fx less work, and the rest of a step (projections, "
                    + "feed-forward layers, output) no less.", verdict, 100 * worse,
                    local.test().mean(), full.test().mean(), ComparisonWriter.range(faster, 2, "x"),
                    r.timing().repeats().size(), localKeys, fullKeys, fullKeys / localKeys));
        }
    }

    /**
     * The JSB chorale comparison of the Music Transformer, nats/token and nats/note: absolute
     * positions, relative attention, and a control arm with absolute positions whose feed-forward
     * width gives it the relative arm's parameter count, so that "relative beats absolute" cannot be
     * "bigger beats smaller".
     */
    record Chorales(ComparisonPreset preset, MusicSource source) implements Comparison {
        /** The control arm: absolute positions with as many parameters as relative attention. */
        public static final String MATCHED = "absolute-matched";

        @Override
        public String name() {
            return "chorales";
        }

        @Override
        public List<Arm> arms() {
            ModelSize size = preset.chorales().model();
            return List.of(new Arm(MusicAttention.ABSOLUTE.id(), MusicAttention.ABSOLUTE, size),
                    new Arm(MATCHED, MusicAttention.ABSOLUTE, size.withFfnDim(matchedFfnDim())),
                    new Arm(MusicAttention.RELATIVE.id(), MusicAttention.RELATIVE, size));
        }

        /**
         * The feed-forward width that brings the absolute-position model closest to the relative
         * model's parameter count: relative attention adds its tables, and each hidden unit more adds
         * {@code 2·D + 1} parameters per layer (its weights in and out, its bias).
         */
        int matchedFfnDim() {
            ComparisonPreset.ChoraleArms a = preset.chorales();
            ModelSize size = a.model();
            long relative = Comparison.parameters(MusicModels.chorales(MusicAttention.RELATIVE, size, a.length()));
            long absolute = Comparison.parameters(MusicModels.chorales(MusicAttention.ABSOLUTE, size, a.length()));
            long perUnit = (long) size.layers() * (2L * size.dModel() + 1);
            return size.ffnDim() + (int) Math.round((double) (relative - absolute) / perUnit);
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
            return String.format(Locale.ROOT, "Chorales: JSB (%s), its train/valid/test splits, windows of %d tokens. %s "
                    + "(feed-forward width %d; %,d for %s); batch %d, peak learning rate %s after %,d warm-up steps, "
                    + "at most %,d steps.", source, a.length(), size(a.model()), a.model().ffnDim(), matchedFfnDim(),
                    MATCHED, a.batch(), a.lr(), a.warmup(), a.steps());
        }

        /**
         * The paper's: relative attention below absolute positions by more than the seeds' spread;
         * and below the parameter-matched absolute model.
         */
        @Override
        public List<String> expectations(ComparisonResult r) {
            ComparisonResult.ArmSummary absolute = r.summary(MusicAttention.ABSOLUTE.id());
            ComparisonResult.ArmSummary matched = r.summary(MATCHED);
            ComparisonResult.ArmSummary relative = r.summary(MusicAttention.RELATIVE.id());
            List<String> out = new ArrayList<>();
            if (relative.test().n() > 0 && absolute.test().n() > 0) {
                out.add(below("Relative attention below absolute positions by more than the seeds' spread (the "
                        + "paper's expectation)", relative, absolute, unit()));
            }
            if (relative.test().n() > 0 && matched.test().n() > 0) {
                out.add(below(String.format(Locale.ROOT, "Relative attention below absolute positions with as many "
                        + "parameters (%s: %,d against %,d) by more than the seeds' spread", MATCHED,
                        parameters(arm(MATCHED)), parameters(arm(MusicAttention.RELATIVE.id()))), relative, matched,
                        unit()));
            }
            return out;
        }

        @Override
        public MusicTrainingOptions options(Arm arm, long seed, Path out) {
            ComparisonPreset.ChoraleArms a = preset.chorales();
            return MusicTrainingOptions.defaults(source, out)
                    .withAttention((MusicAttention) arm.attention()).withSize(arm.size()).withLength(a.length())
                    .withTraining(new TrainingOptions(a.steps(), a.batch(), a.lr(), a.warmup(), preset.evalEvery(),
                            preset.patience(), seed, Schedule.INVERSE_SQRT));
        }

        @Override
        public TrainingTask task(Arm arm, long seed, Path out, Workers workers, Start start) {
            MusicTrainingOptions o = options(arm, seed, out);
            return MusicTraining.task(o.withRun(o.run().withStart(start).withWorkers(workers)));
        }

        /** The file's test split, all of it. */
        @Override
        public Evaluation.Data testData() {
            return new Evaluation.Data.Chorales(source, DataSplit.TEST, 0);
        }
    }
}

package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.TrainingDefaults;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.model.MusicModels;
import org.attentionsuite.music.model.MusicTokens;

/**
 * Everything a music training run needs, validated on construction. Build with
 * {@link #defaults(MusicSource, Path)} (the defaults of {@code music train}, written only here) and
 * {@code withX} copies; {@code compare chorales} builds its
 * arms with these same options, so an arm and a user's {@code music train} with the same settings
 * train the same model.
 *
 * <p>The learning rate follows the Transformer's schedule (Vaswani et al. 2017, eq. 3): linear
 * warm-up for {@code --warmup} steps (default a tenth of {@code --steps}, at most 4000), then decay
 * as {@code step^−½}, scaled so that it peaks at {@code --lr}. Evaluation every
 * {@code --eval-every} steps (default a tenth of {@code --steps}, at most 1000).
 *
 * @param source    the music
 * @param attention the attention variant, from the catalogue ({@code --attention})
 * @param size      width, heads, depth and dropout (ignored when resuming: the checkpoint's model is used)
 * @param length    training window {@code L} in tokens (= the model's maximum length; when resuming,
 *                  the checkpoint's) ({@code --length})
 * @param relativeDistance rows {@code R} of the relative tables of {@code relative},
 *                  {@code relative-shared} and {@code relative-pairwise}: distances {@code ≥ R}
 *                  share the last row (Shaw et al. 2018 clip them the same way); 0 = {@code L}, no
 *                  clipping ({@code --relative-distance}). A table of fixed {@code R} lets a model
 *                  trained on short windows go on training on longer ones ({@code --init})
 * @param transpose chorales: transpose each training window by a random {@code -k..k} semitones
 *                  ({@code --transpose}; 0 = off; performances are always augmented)
 * @param split     performances: which pieces are held out for the test ({@code --test},
 *                  {@code --split-seed}); chorales come with their own test split
 * @param training  steps, batch, rate, warm-up, evaluation, patience, seed
 * @param run       output folder, start mode and what checkpoints record
 */
public record MusicTrainingOptions(MusicSource source, MusicAttention attention, ModelSize size, int length,
        int relativeDistance, int transpose, PieceSplit split, TrainingOptions training, RunOptions run) implements TrainingPlan {
    /**
     * The Transformer's inverse-square-root schedule; warm-up a tenth of {@code --steps} within
     * 1..4000 (the paper's 4000 for long runs), evaluation every tenth of it within 1..1000.
     */
    public static final TrainingDefaults TRAINING_DEFAULTS = new TrainingDefaults(Schedule.INVERSE_SQRT, 10, 4000,
            10, 1000);

    public MusicTrainingOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(run, "run");
        if (length < 2) {
            throw new UserError("--length (" + length + ") must be at least 2");
        }
        if (relativeDistance < 0 || relativeDistance > length) {
            throw new UserError("--relative-distance (" + relativeDistance + ") must be in 1.." + length
                    + " (the --length), or 0 for the length");
        }
        if (relativeDistance > 0 && !attention.hasRelativeTable()) {
            throw new UserError("--relative-distance is for the attentions with one relative table of R rows ("
                    + MusicAttention.RELATIVE + ", " + MusicAttention.RELATIVE_SHARED + ", "
                    + MusicAttention.RELATIVE_PAIRWISE + "), not " + attention);
        }
        if (transpose < 0 || transpose > 12) {
            throw new UserError("--transpose (" + transpose + ") must be in 0..12 semitones");
        }
        if (transpose > 0 && source.encoding() != MusicEncoding.CHORALE) {
            throw new UserError("--transpose is for chorales; performances are always augmented (±3 semitones, "
                    + "±5% time)");
        }
        if (split.test() > 0 && source.encoding() == MusicEncoding.CHORALE) {
            throw new UserError("--test is for MIDI performances; the chorales have their own test split");
        }
        if (source.encoding() == MusicEncoding.CHORALE && length % 4 != 0) {
            throw new UserError("--length (" + length
                    + ") must be a multiple of 4 for chorales (one step = soprano, alto, tenor, bass)");
        }
    }

    /**
     * The defaults of {@code music train} for {@code source}: relative attention, D 128, 4 heads, 2
     * layers, dropout 0.1, length 256, no transposition, no test pieces, 2000 steps of batch 8, peak
     * rate 1e-3 with the domain's default schedule and steps-derived warm-up and evaluation interval,
     * seed 1, a fresh run into {@code out}.
     */
    public static MusicTrainingOptions defaults(MusicSource source, Path out) {
        return new MusicTrainingOptions(source, MusicAttention.RELATIVE, ModelSize.tiny().withDropout(0.1), 256, 0,
                0, PieceSplit.none(), new TrainingOptions(2000, 8, 1e-3, 0, 0, 0, 1),
                RunOptions.fresh(out, "music train"));
    }

    /** {@link #defaults(MusicSource, Path)} of the bundled songs into {@code runs/music}: {@code music train} with no options. */
    public static MusicTrainingOptions defaults() {
        return defaults(new MusicSource.Bundled(), Path.of("runs", "music"));
    }

    /** The architecture these options train from scratch. */
    @Override
    public ModelConfig modelConfig() {
        return MusicModels.config(source.encoding(), attention, size, length, relativeDistance);
    }

    /** What the model's tokens mean. */
    @Override
    public MusicTokens tokens() {
        return MusicTokens.of(source.encoding());
    }

    public MusicTrainingOptions withSource(MusicSource s) {
        return new MusicTrainingOptions(s, attention, size, length, relativeDistance, transpose, split, training, run);
    }

    public MusicTrainingOptions withSplit(PieceSplit s) {
        return new MusicTrainingOptions(source, attention, size, length, relativeDistance, transpose, s, training, run);
    }

    public MusicTrainingOptions withAttention(MusicAttention a) {
        return new MusicTrainingOptions(source, a, size, length, relativeDistance, transpose, split, training, run);
    }

    public MusicTrainingOptions withSize(ModelSize s) {
        return new MusicTrainingOptions(source, attention, s, length, relativeDistance, transpose, split, training, run);
    }

    public MusicTrainingOptions withLength(int l) {
        return new MusicTrainingOptions(source, attention, size, l, relativeDistance, transpose, split, training, run);
    }

    public MusicTrainingOptions withTraining(TrainingOptions t) {
        return new MusicTrainingOptions(source, attention, size, length, relativeDistance, transpose, split, t, run);
    }

    public MusicTrainingOptions withRun(RunOptions r) {
        return new MusicTrainingOptions(source, attention, size, length, relativeDistance, transpose, split, training, r);
    }
}

package org.attentionsuite.music.train;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a music training run needs, validated on construction. Build with
 * {@link #defaults(MusicSource, Path)} and {@code withX} copies.
 *
 * <p>The learning rate follows the Transformer's schedule (Vaswani et al. 2017, eq. 3): linear
 * warm-up for {@code warmupSteps}, then decay as {@code step^−½}, scaled so that it peaks at
 * {@code learningRate}.
 *
 * @param source       the music
 * @param attention    the attention variant
 * @param size         width and depth (ignored when resuming: the checkpoint's model is used)
 * @param length       training window {@code L} in tokens (= the model's maximum length; when
 *                     resuming, the checkpoint's)
 * @param steps        total optimizer steps (including those of a resumed checkpoint)
 * @param batch        windows per batch
 * @param learningRate peak learning rate
 * @param warmupSteps  warm-up steps of the schedule
 * @param evalEvery    evaluate and checkpoint every this many steps
 * @param seed         seed of the weights, batches, augmentation and dropout
 * @param outDir       where {@code last.ckpt} and {@code best.ckpt} go
 * @param resume       a checkpoint to continue from
 */
public record MusicTrainingOptions(MusicSource source, MusicAttention attention, ModelSize size, int length,
        long steps, int batch, double learningRate, int warmupSteps, int evalEvery, long seed, Path outDir,
        Optional<Path> resume) {

    public MusicTrainingOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(resume, "resume");
        if (length < 2) {
            throw new UserError("--length (" + length + ") must be at least 2");
        }
        if (steps < 1 || batch < 1) {
            throw new UserError("--steps (" + steps + ") and --batch (" + batch + ") must be positive");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new UserError("--lr (" + learningRate + ") must be positive");
        }
        if (warmupSteps < 1 || evalEvery < 1) {
            throw new UserError("--warmup (" + warmupSteps + ") and --eval-every (" + evalEvery
                    + ") must be positive");
        }
        if (source.encoding() == MusicEncoding.CHORALE && length % 4 != 0) {
            throw new UserError("--length (" + length
                    + ") must be a multiple of 4 for chorales (one step = soprano, alto, tenor, bass)");
        }
    }

    /**
     * Relative attention, {@link ModelSize#tiny()}, length 256, 2000 steps of batch 8, peak rate
     * 1e-3 with steps-derived warm-up and evaluation interval, seed 1, no resume.
     */
    public static MusicTrainingOptions defaults(MusicSource source, Path outDir) {
        long steps = 2000;
        return new MusicTrainingOptions(source, MusicAttention.RELATIVE, ModelSize.tiny(), 256, steps, 8, 1e-3,
                defaultWarmup(steps), defaultEvalEvery(steps), 1, outDir, Optional.empty());
    }

    /** Warm-up for a run of {@code steps}: a tenth of it, within 1..4000 (the paper's 4000 for long runs). */
    public static int defaultWarmup(long steps) {
        return (int) Math.max(1, Math.min(4000, steps / 10));
    }

    /** Evaluation interval for a run of {@code steps}: a tenth of it, within 1..1000. */
    public static int defaultEvalEvery(long steps) {
        return (int) Math.max(1, Math.min(1000, steps / 10));
    }

    public MusicTrainingOptions withSource(MusicSource s) {
        return new MusicTrainingOptions(s, attention, size, length, steps, batch, learningRate, warmupSteps,
                evalEvery, seed, outDir, resume);
    }

    public MusicTrainingOptions withAttention(MusicAttention a) {
        return new MusicTrainingOptions(source, a, size, length, steps, batch, learningRate, warmupSteps, evalEvery,
                seed, outDir, resume);
    }

    public MusicTrainingOptions withSize(ModelSize s) {
        return new MusicTrainingOptions(source, attention, s, length, steps, batch, learningRate, warmupSteps,
                evalEvery, seed, outDir, resume);
    }

    public MusicTrainingOptions withLength(int l) {
        return new MusicTrainingOptions(source, attention, size, l, steps, batch, learningRate, warmupSteps,
                evalEvery, seed, outDir, resume);
    }

    /**
     * Sets the steps and re-derives warm-up and evaluation interval from them
     * ({@link #defaultWarmup}, {@link #defaultEvalEvery}); call {@link #withWarmupSteps} or
     * {@link #withEvalEvery} afterwards to choose them yourself.
     */
    public MusicTrainingOptions withSteps(long s) {
        return new MusicTrainingOptions(source, attention, size, length, s, batch, learningRate,
                s >= 1 ? defaultWarmup(s) : 1, s >= 1 ? defaultEvalEvery(s) : 1, seed, outDir, resume);
    }

    public MusicTrainingOptions withBatch(int b) {
        return new MusicTrainingOptions(source, attention, size, length, steps, b, learningRate, warmupSteps,
                evalEvery, seed, outDir, resume);
    }

    public MusicTrainingOptions withLearningRate(double lr) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, lr, warmupSteps, evalEvery,
                seed, outDir, resume);
    }

    public MusicTrainingOptions withWarmupSteps(int w) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, learningRate, w, evalEvery,
                seed, outDir, resume);
    }

    public MusicTrainingOptions withEvalEvery(int e) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, learningRate, warmupSteps, e,
                seed, outDir, resume);
    }

    public MusicTrainingOptions withSeed(long s) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, learningRate, warmupSteps,
                evalEvery, s, outDir, resume);
    }

    public MusicTrainingOptions withOutDir(Path d) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, learningRate, warmupSteps,
                evalEvery, seed, d, resume);
    }

    public MusicTrainingOptions withResume(Path checkpoint) {
        return new MusicTrainingOptions(source, attention, size, length, steps, batch, learningRate, warmupSteps,
                evalEvery, seed, outDir, Optional.ofNullable(checkpoint));
    }

    /** The options as a command line, recorded as the checkpoint's provenance. */
    public String commandLine() {
        StringBuilder sb = new StringBuilder("suite music train");
        if (source instanceof MusicSource.Chorales c) {
            sb.append(" --chorales ").append(c.json());
        } else {
            sb.append(" --data ").append(source);
        }
        sb.append(" --attention ").append(attention.id()).append(" --length ").append(length)
                .append(" --steps ").append(steps).append(" --batch ").append(batch)
                .append(" --d-model ").append(size.dModel()).append(" --layers ").append(size.layers())
                .append(" --heads ").append(size.heads()).append(" --dropout ").append(size.dropout())
                .append(" --lr ").append(learningRate).append(" --warmup ").append(warmupSteps)
                .append(" --eval-every ").append(evalEvery).append(" --seed ").append(seed)
                .append(" --out ").append(outDir);
        resume.ifPresent(r -> sb.append(" --resume ").append(r));
        return sb.toString();
    }
}

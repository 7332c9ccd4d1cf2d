package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;

/**
 * Performance-event training data (Huang et al. 2018, §4.1.1): a corpus of MIDI pieces split by
 * piece into training and held-out validation.
 *
 * <p><b>Split.</b> {@link PieceSplit}: optionally test pieces (a seeded shuffle), then of the
 * {@code n} others (in load order) {@code k = max(1, round(10% of n))} are held out for
 * validation, at the evenly spaced indices {@link #validationIndices(int)}; the split never
 * depends on the training seed, so runs with different seeds are evaluated on the same music. At
 * least two pieces besides the test pieces are needed.
 *
 * <p><b>Training batches.</b> Each of the {@code B} rows draws a piece in proportion to its number
 * of windows, applies a fresh {@link Augmentation} to its notes (transposition and time stretch,
 * then re-encoding: about half a millisecond per crop, so it is done on the fly rather than
 * precomputed) and crops {@code L + 1} consecutive events; input = first {@code L}, target =
 * last {@code L}. Pieces end with EOS; a crop past the end is PAD-filled, and PAD targets are
 * ignored.
 *
 * <p><b>Validation.</b> The held-out pieces, not augmented, cut into consecutive windows that
 * share one token (the last target of a window is the next window's first input, so every event
 * but a piece's first is a target exactly once), at most {@link #MAX_VALIDATION_WINDOWS}
 * of them evenly spaced. {@code Workers.evaluate} on them gives the validation NLL in nats per
 * event.
 */
public final class PerformanceData extends WindowedMusicData {
    /** Share of the pieces held out for validation. */
    public static final double VALIDATION_FRACTION = 0.1;
    /** Most validation windows kept, so that evaluation stays cheap on large corpora. */
    public static final int MAX_VALIDATION_WINDOWS = 256;

    private final PerformanceCorpus train;
    private final List<PerformanceCorpus.Piece> validation;
    private final Augmentation augmentation;
    private final boolean augments;
    private final long trainEvents;
    private final long validationEvents;

    private PerformanceData(PerformanceCorpus train, List<PerformanceCorpus.Piece> validation, int length, int batch,
            Augmentation augmentation) {
        this(train, validation, length, batch, augmentation, MAX_VALIDATION_WINDOWS);
    }

    private PerformanceData(PerformanceCorpus train, List<PerformanceCorpus.Piece> validation, int length, int batch,
            Augmentation augmentation, int maxValidationWindows) {
        super(MusicEncoding.PERFORMANCE, length, batch, events(train.pieces()), events(validation),
                maxValidationWindows, "performance " + augmentation);
        this.train = train;
        this.validation = validation;
        this.augmentation = augmentation;
        this.augments = !augmentation.equals(Augmentation.none());
        this.trainEvents = train.pieces().stream().mapToLong(PerformanceCorpus.Piece::length).sum();
        this.validationEvents = validation.stream().mapToLong(PerformanceCorpus.Piece::length).sum();
    }

    private static List<int[]> events(List<PerformanceCorpus.Piece> pieces) {
        return pieces.stream().map(PerformanceCorpus.Piece::events).toList();
    }

    /** The bundled Freedoom songs. */
    public static PerformanceData bundled(int length, int batch, Augmentation augmentation) {
        return of(BundledMusic.load(), length, batch, augmentation, "bundled songs");
    }

    /**
     * Every {@code .mid}/{@code .midi} file under {@code folder}, recursively; unusable files are
     * skipped with one line each to {@code warnings}.
     *
     * @throws MusicDataException naming the folder if it is missing or has fewer than 2 usable files
     */
    public static PerformanceData folder(Path folder, int length, int batch, Augmentation augmentation,
            Consumer<String> warnings) {
        return of(PerformanceCorpus.load(folder, warnings), length, batch, augmentation, folder);
    }

    /** Splits a corpus already in memory without test pieces; {@code source} names it in error messages. */
    public static PerformanceData of(PerformanceCorpus corpus, int length, int batch, Augmentation augmentation,
            Object source) {
        return of(corpus, PieceSplit.none(), length, batch, augmentation, source);
    }

    /**
     * Splits a corpus already in memory as {@code split} says and keeps its training and validation
     * pieces (the test pieces are left out); {@code source} names it in error messages.
     */
    public static PerformanceData of(PerformanceCorpus corpus, PieceSplit split, int length, int batch,
            Augmentation augmentation, Object source) {
        if (length < 1 || batch < 1) {
            throw new UserError("length (" + length + ") and batch (" + batch + ") must be positive");
        }
        PieceSplit.Parts parts = split.apply(corpus.pieces(), source);
        return new PerformanceData(PerformanceCorpus.of(parts.train(), corpus.summary().skipped()),
                parts.validation(), length, batch, augmentation);
    }

    /**
     * Every piece of {@code corpus} as evaluation data: its {@link #validationBatches()} tile all
     * the pieces (no cap, not augmented), so a held-out folder of MIDI is scored on every event.
     */
    public static PerformanceData evaluation(PerformanceCorpus corpus, int length, int batch) {
        if (length < 1 || batch < 1) {
            throw new UserError("length (" + length + ") and batch (" + batch + ") must be positive");
        }
        return new PerformanceData(corpus, corpus.pieces(), length, batch, Augmentation.none(), Integer.MAX_VALUE);
    }

    /**
     * The held-out piece indices among {@code n ≥ 2} pieces: {@code k = max(1, round(0.1·n))}
     * evenly spaced indices {@code ⌊(j + ½)·n/k⌋}, ascending.
     */
    public static int[] validationIndices(int n) {
        if (n < 2) {
            throw new UserError("at least 2 pieces are needed to hold one out, got " + n);
        }
        int k = Math.max(1, (int) Math.round(VALIDATION_FRACTION * n));
        int[] idx = new int[k];
        for (int j = 0; j < k; j++) {
            idx[j] = (int) ((2L * j + 1) * n / (2L * k));
        }
        return idx;
    }

    @Override
    public Batch trainBatch(Random rng) {
        int[][] windows = new int[batch][];
        for (int b = 0; b < batch; b++) {
            windows[b] = augments ? train.randomCrop(length + 1, rng, augmentation)
                    : train.randomCrop(length + 1, rng);                      // (L + 1)
        }
        return toBatch(windows);
    }

    /** The pieces crops are drawn from. */
    public List<PerformanceCorpus.Piece> trainingPieces() {
        return train.pieces();
    }

    /** The held-out pieces. */
    public List<PerformanceCorpus.Piece> validationPieces() {
        return validation;
    }

    @Override
    public String summary() {
        int skipped = train.summary().skipped();
        return String.format(Locale.ROOT, "%d training pieces (%,d events), %d held out (%,d events)%s%s",
                train.pieces().size(), trainEvents, validation.size(), validationEvents,
                skipped > 0 ? ", " + skipped + " files skipped" : "",
                augments ? ", augmented (transpose, stretch)" : "");
    }
}

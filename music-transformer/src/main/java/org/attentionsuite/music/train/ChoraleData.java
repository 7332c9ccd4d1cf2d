package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.core.train.Windows;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.chorale.Chorale;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.model.MusicEncoding;

/**
 * JSB chorale training data (Huang et al. 2018, §4.1 and Table 2): Coconet's
 * {@code Jsb16thSeparated.json}, each chorale serialized step by step as soprano, alto, tenor,
 * bass ({@link ChoraleEncoding}) and ended with EOS. The file's {@code train} split trains, its
 * {@code valid} split validates; {@code test} is not used.
 *
 * <p><b>Steps stay aligned.</b> The length {@code L} must be a multiple of 4 and every window
 * starts at a step boundary, so input position {@code i} is always voice {@code i mod 4}
 * (soprano first) — the relative models have no other way to know which voice comes next.
 * Training crops are uniform over the aligned windows of the corpus; validation tiles each
 * chorale with consecutive windows, so every token but a chorale's first is a target exactly once
 * (all windows, no cap, so numbers are comparable between runs).
 *
 * <p><b>Units.</b> The trainer reports nats per token (every token of the validation chorales
 * after the first of each window, EOS included). {@link #natsPerNote} converts to nats per note,
 * the unit we use for Table 2: the <em>total</em> validation NLL divided by the number of note
 * targets, where a note is a pitch token 0..127 (neither REST, PAD nor EOS). Rests and EOS are
 * thus charged to the notes, which makes the number independent of how silence is encoded.
 */
public final class ChoraleData extends WindowedMusicData {
    private final List<int[]> train;
    private final Windows.Sampler sampler;
    private final int transpose;
    private final List<int[]> validationSequences;
    private final long validationTargets;
    private final long validationNotes;
    private final int validationChorales;

    private ChoraleData(List<int[]> trainSeqs, List<int[]> validSeqs, int length, int batch) {
        this(trainSeqs, validSeqs, length, batch, 0);
    }

    private ChoraleData(List<int[]> trainSeqs, List<int[]> validSeqs, int length, int batch, int transpose) {
        super(MusicEncoding.CHORALE, length, batch, trainSeqs, validSeqs, Integer.MAX_VALUE,
                transpose > 0 ? "chorales transposed ±" + transpose : "chorales");
        this.train = trainSeqs;
        this.transpose = transpose;
        this.validationSequences = validSeqs;
        this.sampler = new Windows.Sampler(trainSeqs.stream().mapToInt(s -> s.length).toArray(), length + 1,
                Chorale.VOICES);
        long targets = 0;
        long notes = 0;
        for (Batch b : validationBatches()) {
            targets += b.countedTargets();
            notes += ChoraleEncoding.noteCount(b.targets());     // −1 (ignored) is not a pitch
        }
        this.validationTargets = targets;
        this.validationNotes = notes;
        this.validationChorales = validSeqs.size();
    }

    /**
     * Reads {@code Jsb16thSeparated.json}.
     *
     * @throws org.attentionsuite.music.MusicDataException naming the file if it is missing or malformed
     */
    public static ChoraleData load(Path json, int length, int batch) {
        return of(ChoraleDataset.load(json), length, batch, json);
    }

    /** Chorales already in memory; {@code source} names them in error messages. */
    public static ChoraleData of(ChoraleDataset data, int length, int batch, Object source) {
        if (length < Chorale.VOICES || length % Chorale.VOICES != 0) {
            throw new UserError("chorale length (" + length
                    + ") must be a positive multiple of 4 (one step = soprano, alto, tenor, bass)");
        }
        if (batch < 1) {
            throw new UserError("batch (" + batch + ") must be positive");
        }
        List<int[]> trainSeqs = data.train().stream().filter(c -> c.steps() > 0)
                .map(ChoraleEncoding::encodeWithEos).toList();
        List<int[]> validSeqs = data.valid().stream().filter(c -> c.steps() > 0)
                .map(ChoraleEncoding::encodeWithEos).toList();
        if (trainSeqs.isEmpty() || validSeqs.isEmpty()) {
            throw new MusicDataException(source + ": needs non-empty \"train\" and \"valid\" chorales (found "
                    + trainSeqs.size() + " and " + validSeqs.size() + ")");
        }
        return new ChoraleData(trainSeqs, validSeqs, length, batch);
    }

    /**
     * The chorales of {@code split} as evaluation data: its {@link #validationBatches()} tile every
     * chorale of that split (e.g. {@code test}) exactly as validation does, so {@link #natsPerNote}
     * and {@link #describeLoss} report on it.
     */
    public static ChoraleData evaluation(ChoraleDataset data, DataSplit split, int length, int batch,
            Object source) {
        List<int[]> seqs = data.split(split).stream().filter(c -> c.steps() > 0)
                .map(ChoraleEncoding::encodeWithEos).toList();
        if (seqs.isEmpty()) {
            throw new MusicDataException(source + ": the \"" + split.key() + "\" split has no chorales");
        }
        if (length < Chorale.VOICES || length % Chorale.VOICES != 0) {
            throw new UserError("chorale length (" + length + ") must be a positive multiple of 4");
        }
        return new ChoraleData(seqs, seqs, length, batch);
    }

    /**
     * A copy whose training windows are each transposed by a uniform random shift of
     * {@code -k..k} semitones (every pitch of the window; rests, PAD and EOS stay), the chorale
     * counterpart of the performance data's transposition; validation is never transposed.
     */
    public ChoraleData withTransposition(int k) {
        if (k < 0 || k > 12) {
            throw new UserError("--transpose (" + k + ") must be in 0..12 semitones");
        }
        return new ChoraleData(train, validationSequences, length, batch, k);
    }

    @Override
    public Batch trainBatch(Random rng) {
        int[][] windows = new int[batch][];
        for (int b = 0; b < batch; b++) {
            int[] seq = train.get(sampler.pickSequence(rng));
            int start = sampler.pickStart(seq.length, rng);                      // a step boundary
            windows[b] = Windows.window(seq, start, length);                      // (L + 1)
            if (transpose > 0) {
                int shift = rng.nextInt(2 * transpose + 1) - transpose;
                for (int i = 0; i < windows[b].length; i++) {
                    int t = windows[b][i];
                    if (t >= 0 && t < ChoraleEncoding.REST) {
                        windows[b][i] = Math.max(0, Math.min(ChoraleEncoding.REST - 1, t + shift));
                    }
                }
            }
        }
        return toBatch(windows);
    }

    /** Counted validation targets (tokens). */
    public long validationTokens() {
        return validationTargets;
    }

    /** Validation targets that are notes (pitch tokens 0..127). */
    public long validationNotes() {
        return validationNotes;
    }

    /** Converts a validation loss in nats/token to nats/note (see the class comment). */
    public double natsPerNote(double natsPerToken) {
        return validationNotes == 0 ? Double.NaN : natsPerToken * validationTargets / validationNotes;
    }

    @Override
    public String describeLoss(double natsPerToken) {
        return String.format(Locale.ROOT, "%.4f nats/token (%.4f nats/note)", natsPerToken,
                natsPerNote(natsPerToken));
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d training chorales, %d validation chorales (%,d tokens, %,d notes)",
                train.size(), validationChorales, validationTargets, validationNotes);
    }
}

package org.attentionsuite.music.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.train.DataSplit;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.performance.PerformanceCorpus;

/**
 * How a training run on MIDI performances divides the pieces of its source (in load order),
 * recorded with the run ({@code --test}, {@code --split-seed}) so that evaluation finds the same
 * parts again: the pieces are shuffled with {@code seed}, and the last {@code test} of that order
 * (at most a fifth of the pieces but at least one, {@link DataSplit#heldOut}) are the test pieces;
 * of the others, in load order, validation holds out {@code max(1, round(10%))} at evenly spaced places
 * ({@link PerformanceData#validationIndices}) and the rest train. Without test pieces this is the
 * split every run made before {@code --test}, so their validation pieces are unchanged.
 *
 * @param test pieces neither training nor the choice of checkpoint sees, 0 = none
 * @param seed seed of the shuffle that picks them
 */
public record PieceSplit(int test, long seed) {
    /** The default seed of the shuffle. */
    public static final long SEED = 2018;

    public PieceSplit {
        if (test < 0) {
            throw new UserError("--test (" + test + ") must be >= 0 (0 = no test pieces)");
        }
    }

    /** No test pieces: validation and training only. */
    public static PieceSplit none() {
        return new PieceSplit(0, SEED);
    }

    /**
     * The three parts of a corpus, each in load order.
     *
     * @param train      the pieces training crops are drawn from
     * @param validation the pieces that choose the checkpoint
     * @param test       the test pieces (none when the split has none)
     */
    public record Parts(List<PerformanceCorpus.Piece> train, List<PerformanceCorpus.Piece> validation,
            List<PerformanceCorpus.Piece> test) {
        public Parts {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }

        /** The part called {@code split}. */
        public List<PerformanceCorpus.Piece> get(DataSplit split) {
            return switch (split) {
                case TRAIN -> train;
                case VALID -> validation;
                case TEST -> test;
            };
        }
    }

    /** Splits {@code pieces} as described above; {@code source} names them in errors. */
    public Parts apply(List<PerformanceCorpus.Piece> pieces, Object source) {
        int n = pieces.size();
        int t = test == 0 ? 0 : DataSplit.heldOut(n, test);
        if (n - t < 2) {
            throw new MusicDataException(source + ": only " + n + " usable MIDI file" + (n == 1 ? "" : "s")
                    + "; at least " + (t + 2) + " are needed (one to train, one held out for validation"
                    + (t > 0 ? ", " + t + " for the test" : "") + ")");
        }
        boolean[] isTest = new boolean[n];
        int[] order = DataSplit.shuffledOrder(n, seed);
        for (int i = n - t; i < n; i++) {
            isTest[order[i]] = true;
        }
        List<PerformanceCorpus.Piece> rest = new ArrayList<>();
        List<PerformanceCorpus.Piece> testPieces = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (isTest[i] ? testPieces : rest).add(pieces.get(i));
        }
        int[] held = PerformanceData.validationIndices(rest.size());
        List<PerformanceCorpus.Piece> train = new ArrayList<>();
        List<PerformanceCorpus.Piece> validation = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            (Arrays.binarySearch(held, i) >= 0 ? validation : train).add(rest.get(i));
        }
        return new Parts(train, validation, testPieces);
    }
}

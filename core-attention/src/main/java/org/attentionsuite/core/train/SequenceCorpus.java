package org.attentionsuite.core.train;

import java.util.List;
import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.Batch;

/**
 * A {@link DataSource} over plain token sequences (text, tests): training batches are random crops
 * of {@code length + 1} tokens ({@link Windows.Sampler}); validation batches tile the held-out
 * sequences with consecutive windows, fixed once. Sequences shorter than a window are padded with
 * ignored targets.
 */
public final class SequenceCorpus implements DataSource {
    private final List<int[]> train;
    private final int batchSize;
    private final int length;
    private final int padId;
    private final List<Batch> validation;
    private final Windows.Sampler sampler;
    private final String fingerprint;

    /**
     * @param train      training sequences (each at least 2 tokens)
     * @param validation held-out sequences (the training ones if empty)
     * @param batchSize  sequences per batch
     * @param length     model input length {@code L}; windows hold {@code L + 1} tokens
     * @param padId      input id where a short sequence ends (its targets are ignored)
     */
    public SequenceCorpus(List<int[]> train, List<int[]> validation, int batchSize, int length, int padId) {
        if (train.isEmpty()) {
            throw new UserError("no training sequences");
        }
        if (batchSize <= 0 || length <= 0) {
            throw new UserError("batch size (" + batchSize + ") and length (" + length + ") must be positive");
        }
        int[] lengths = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            if (train.get(i).length < 2) {
                throw new UserError("training sequence " + i + " has fewer than 2 tokens");
            }
            lengths[i] = train.get(i).length;
        }
        this.train = List.copyOf(train);
        this.batchSize = batchSize;
        this.length = length;
        this.padId = padId;
        this.sampler = new Windows.Sampler(lengths, length + 1, 1);
        List<int[]> held = validation.isEmpty() ? train : validation;
        this.validation = Windows.tile(held, length, batchSize, padId, false, Integer.MAX_VALUE);
        this.fingerprint = Windows.fingerprint(train, validation, "sequences");
    }

    @Override
    public Batch trainBatch(Random rng) {
        int[][] windows = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            int[] seq = train.get(sampler.pickSequence(rng));
            windows[b] = Windows.window(seq, sampler.pickStart(seq.length, rng), length);
        }
        return Windows.toBatch(windows, length, padId, false);
    }

    @Override
    public List<Batch> validationBatches() {
        return validation;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}

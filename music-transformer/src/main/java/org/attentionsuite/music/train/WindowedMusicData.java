package org.attentionsuite.music.train;

import java.util.List;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.train.Windows;
import org.attentionsuite.music.model.MusicEncoding;

/**
 * What the music corpora share as {@link MusicData}: the input length {@code L}, the batch size
 * {@code B}, the vocabulary, the validation batches tiled from the held-out sequences
 * ({@link Windows#tile}) and the fingerprint of all sequences ({@link Windows#fingerprint}).
 * A subclass splits its corpus and draws the training crops.
 */
abstract class WindowedMusicData implements MusicData {
    /** Model input length {@code L}. */
    final int length;
    /** Rows {@code B} of a training batch. */
    final int batch;
    private final MusicEncoding encoding;
    private final List<Batch> validationBatches;
    private final String fingerprint;

    /**
     * @param train                training sequences (fingerprinted)
     * @param validation           held-out sequences, tiled into the validation batches and fingerprinted
     * @param maxValidationWindows most validation windows kept, evenly spaced
     * @param sampling             free-text description of the sampling, part of the fingerprint
     */
    WindowedMusicData(MusicEncoding encoding, int length, int batch, List<int[]> train, List<int[]> validation,
            int maxValidationWindows, String sampling) {
        this.encoding = encoding;
        this.length = length;
        this.batch = batch;
        this.validationBatches = Windows.tile(validation, length, batch, encoding.pad(), true, maxValidationWindows);
        this.fingerprint = Windows.fingerprint(train, validation, sampling);
    }

    /** The training batch of {@code windows}, {@code B} crops of {@code L + 1} tokens each. */
    Batch toBatch(int[][] windows) {
        return Windows.toBatch(windows, length, encoding.pad(), true);
    }

    @Override
    public List<Batch> validationBatches() {
        return validationBatches;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public MusicEncoding encoding() {
        return encoding;
    }

    @Override
    public int length() {
        return length;
    }
}

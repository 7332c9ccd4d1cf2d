package org.attentionsuite.music.model;

import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.PerformanceEncoder;
import org.attentionsuite.music.performance.PerformanceVocabulary;

/**
 * The two token vocabularies a music model can speak; a checkpoint records which one as its
 * {@link MusicTokens} scheme.
 */
public enum MusicEncoding {
    /** Performance events (§4.1.1): 390 ids, PAD 388, EOS 389; one target is one event. */
    PERFORMANCE(PerformanceVocabulary.SIZE, PerformanceVocabulary.PAD, PerformanceVocabulary.EOS, "event"),
    /** JSB chorales serialized soprano, alto, tenor, bass per 16th (§4.1): 131 ids, PAD 129, EOS 130. */
    CHORALE(ChoraleEncoding.SIZE, ChoraleEncoding.PAD, ChoraleEncoding.EOS, "token");

    /** The start step of a chorale generated from scratch: a C major chord (C5, G4, E4, C3). */
    public static final int[] CHORALE_START_STEP = {72, 67, 64, 48};

    private final int vocabularySize;
    private final int pad;
    private final int eos;
    private final String unit;

    MusicEncoding(int vocabularySize, int pad, int eos, String unit) {
        this.vocabularySize = vocabularySize;
        this.pad = pad;
        this.eos = eos;
        this.unit = unit;
    }

    /** Number of token ids {@code V}. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** The padding id: an input after the end of a piece, never a counted target, never sampled. */
    public int pad() {
        return pad;
    }

    /** The end-of-sequence id. */
    public int eos() {
        return eos;
    }

    /** What one target is, for loss units: {@code "event"} or {@code "token"}. */
    public String unit() {
        return unit;
    }

    /**
     * The primer of a sample generated from scratch: one VELOCITY event (the bin of velocity 64)
     * for performances, one step ({@link #CHORALE_START_STEP}) for chorales.
     */
    public int[] startTokens() {
        return switch (this) {
            case PERFORMANCE -> new int[] {PerformanceVocabulary.velocity(PerformanceEncoder.DEFAULT_VELOCITY_BIN)};
            case CHORALE -> CHORALE_START_STEP.clone();
        };
    }

    /** Decodes tokens (PAD skipped, stopping at EOS) to notes. */
    public NoteSequence decode(int[] tokens) {
        return switch (this) {
            case PERFORMANCE -> PerformanceEncoder.decode(tokens);
            case CHORALE -> ChoraleEncoding.toNoteSequence(tokens);
        };
    }

    /**
     * Seconds of music that token {@code id} adds: a TIME_SHIFT's duration for performances, a
     * quarter of a 16th-note step for chorales (a step is four tokens), zero otherwise.
     */
    public double secondsOf(int id) {
        return switch (this) {
            case PERFORMANCE -> PerformanceVocabulary.type(id) == PerformanceVocabulary.EventType.TIME_SHIFT
                    ? PerformanceVocabulary.value(id) * PerformanceVocabulary.STEP_SECONDS : 0.0;
            case CHORALE -> id == ChoraleEncoding.PAD || id == ChoraleEncoding.EOS ? 0.0
                    : ChoraleEncoding.STEP_SECONDS / 4;
        };
    }
}

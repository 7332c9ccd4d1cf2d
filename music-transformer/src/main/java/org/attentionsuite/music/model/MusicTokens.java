package org.attentionsuite.music.model;

import org.attentionsuite.core.model.LossUnit;
import org.attentionsuite.core.model.TokenScheme;

/**
 * The token schemes of music models, stored in their checkpoints so that generation knows what
 * it decodes without looking at the vocabulary size: {@link PerformanceEvents} (MIDI performances,
 * §4.1.1) and {@link ChoraleGrid} (JSB chorales, §4.1).
 */
public sealed interface MusicTokens extends TokenScheme permits MusicTokens.PerformanceEvents, MusicTokens.ChoraleGrid {
    /** The vocabulary and its special ids. */
    MusicEncoding encoding();

    @Override
    default int vocabularySize() {
        return encoding().vocabularySize();
    }

    @Override
    default LossUnit lossUnit() {
        return LossUnit.natsPer(encoding().unit());
    }

    /** The scheme of {@code encoding}. */
    static MusicTokens of(MusicEncoding encoding) {
        return encoding == MusicEncoding.PERFORMANCE ? new PerformanceEvents() : new ChoraleGrid();
    }

    /** The paper's 388 performance events (NOTE_ON, NOTE_OFF, TIME_SHIFT, VELOCITY) plus PAD and EOS. */
    record PerformanceEvents() implements MusicTokens {
        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.PERFORMANCE;
        }

        @Override
        public String label() {
            return "performance events (" + vocabularySize() + " ids)";
        }
    }

    /** Four voices (soprano, alto, tenor, bass) per 16th note, one token per voice, plus PAD and EOS. */
    record ChoraleGrid() implements MusicTokens {
        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.CHORALE;
        }

        @Override
        public String label() {
            return "chorale grid (SATB per 16th note, " + vocabularySize() + " ids)";
        }
    }
}

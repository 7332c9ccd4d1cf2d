package org.attentionsuite.music.generate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.PerformanceEncoder;

/** What a sample starts from. */
public sealed interface Primer permits Primer.Start, Primer.Midi, Primer.Notes {

    /** How much of a piece primes the model. */
    sealed interface Cut permits Cut.Events, Cut.Seconds {
        /** The first {@code count} performance events. */
        record Events(int count) implements Cut {
            public Events {
                if (count < 1) {
                    throw new UserError("primer events (" + count + ") must be at least 1");
                }
            }
        }

        /**
         * The events that start before {@code seconds}: a TIME_SHIFT counts as starting where it
         * begins, so the primer ends before the first event at or after that time.
         */
        record Seconds(double seconds) implements Cut {
            public Seconds {
                if (!(seconds > 0) || seconds > PerformanceEncoder.MAX_SECONDS) {
                    throw new UserError(String.format(Locale.ROOT, "--primer-seconds (%s) must be positive and at "
                            + "most %.0f (%.0f days, the longest time the events encode)", seconds,
                            Math.floor(PerformanceEncoder.MAX_SECONDS), PerformanceEncoder.MAX_SECONDS / 86400));
                }
            }
        }
    }

    /** From scratch: the encoding's start tokens (one VELOCITY event, or one chorale step). */
    record Start() implements Primer {
    }

    /** The beginning of a MIDI file (performance models only). */
    record Midi(Path file, Cut cut) implements Primer {
        public Midi {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(cut, "cut");
        }
    }

    /** The beginning of notes already in memory, e.g. a bundled song; {@code name} appears in messages. */
    record Notes(String name, NoteSequence notes, Cut cut) implements Primer {
        public Notes {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(notes, "notes");
            Objects.requireNonNull(cut, "cut");
        }
    }

    /** From scratch. */
    static Primer start() {
        return new Start();
    }

    /** The first {@code events} performance events of a MIDI file. */
    static Primer midiEvents(Path file, int events) {
        return new Midi(file, new Cut.Events(events));
    }

    /** The events of a MIDI file that start in its first {@code seconds}. */
    static Primer midiSeconds(Path file, double seconds) {
        return new Midi(file, new Cut.Seconds(seconds));
    }
}

package org.attentionsuite.music.performance;

import static org.attentionsuite.music.performance.PerformanceVocabulary.MAX_SHIFT_STEPS;
import static org.attentionsuite.music.performance.PerformanceVocabulary.PITCHES;
import static org.attentionsuite.music.performance.PerformanceVocabulary.STEPS_PER_SECOND;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * Converts between note sequences and performance event ids ({@link PerformanceVocabulary}).
 *
 * <p><b>Encoding.</b> Times are rounded to 10 ms steps; a note lasts at least one step. The
 * encoding is monophonic per pitch (channels and programs are not encoded), so overlapping notes
 * of one pitch are first made disjoint the way decoding reads them: of several onsets at the
 * same step only the longest note is kept, and a note is cut at the next onset of its pitch.
 * Events are then emitted in time order, with at each step first the NOTE_OFFs, then the
 * NOTE_ONs, both by ascending pitch; a VELOCITY event precedes a NOTE_ON only when the velocity
 * bin differs from the previous onset's (the first onset always gets one); a gap longer than
 * one second becomes several TIME_SHIFTs of at most 100 steps. The encoding ends with the last
 * NOTE_OFF and contains no PAD or EOS.
 *
 * <p><b>Decoding.</b> PAD is skipped and decoding stops at the first EOS. A NOTE_OFF without a
 * sounding note of its pitch is ignored; a NOTE_ON of a pitch that is already sounding ends the
 * earlier note there; notes still sounding at the end are closed at the final time (at least one
 * step after their onset); notes that would last zero steps are dropped. Onsets before any
 * VELOCITY event get {@link #DEFAULT_VELOCITY_BIN}. Decoded notes use channel 0 and program 0.
 *
 * <p>For any note sequence, {@code encode(decode(encode(s)))} equals {@code encode(s)}.
 */
public final class PerformanceEncoder {

    /** Velocity bin used by decoding for onsets that precede every VELOCITY event. */
    public static final int DEFAULT_VELOCITY_BIN = PerformanceVocabulary.velocityToBin(64);

    /** A note quantized to 10 ms steps. */
    private record StepNote(int pitch, int bin, int start, int end) {
    }

    private PerformanceEncoder() {
    }

    /**
     * @param notes a note sequence
     * @return its performance events (no PAD, no EOS)
     */
    public static int[] encode(NoteSequence notes) {
        List<StepNote> quantized = disjointPerPitch(quantize(notes));
        // (time step, 0 = off / 1 = on, pitch, velocity bin), offs before ons at equal steps
        List<int[]> events = new ArrayList<>(2 * quantized.size());
        for (StepNote note : quantized) {
            events.add(new int[] {note.start(), 1, note.pitch(), note.bin()});
            events.add(new int[] {note.end(), 0, note.pitch(), note.bin()});
        }
        events.sort(Comparator.<int[]>comparingInt(e -> e[0])
                .thenComparingInt(e -> e[1]).thenComparingInt(e -> e[2]));

        int[] out = new int[events.size() * 3];
        int size = 0;
        int now = 0;
        int currentBin = -1;
        for (int[] event : events) {
            int gap = event[0] - now;
            while (gap > 0) {
                int shift = Math.min(gap, MAX_SHIFT_STEPS);
                out = ensure(out, size + 1);
                out[size++] = PerformanceVocabulary.timeShift(shift);
                gap -= shift;
            }
            now = event[0];
            out = ensure(out, size + 2);
            if (event[1] == 0) {
                out[size++] = PerformanceVocabulary.noteOff(event[2]);
            } else {
                if (event[3] != currentBin) {
                    out[size++] = PerformanceVocabulary.velocity(event[3]);
                    currentBin = event[3];
                }
                out[size++] = PerformanceVocabulary.noteOn(event[2]);
            }
        }
        return Arrays.copyOf(out, size);
    }

    /**
     * @param events performance event ids, each in 0..389
     * @return the notes they describe, on channel 0 with program 0
     * @throws IllegalArgumentException if an id is out of range
     */
    public static NoteSequence decode(int[] events) {
        int[] openStart = new int[PITCHES];
        int[] openBin = new int[PITCHES];
        Arrays.fill(openStart, -1);
        List<Note> notes = new ArrayList<>();
        int now = 0;
        int bin = DEFAULT_VELOCITY_BIN;
        decoding:
        for (int id : events) {
            int value = PerformanceVocabulary.value(id);
            switch (PerformanceVocabulary.type(id)) {
                case TIME_SHIFT -> now += value;
                case VELOCITY -> bin = value;
                case NOTE_ON -> {
                    close(notes, value, openStart[value], openBin[value], now);
                    openStart[value] = now;
                    openBin[value] = bin;
                }
                case NOTE_OFF -> {
                    close(notes, value, openStart[value], openBin[value], now);
                    openStart[value] = -1;
                }
                case PAD -> {
                }
                case EOS -> {
                    break decoding;
                }
            }
        }
        for (int pitch = 0; pitch < PITCHES; pitch++) {
            if (openStart[pitch] >= 0) {
                close(notes, pitch, openStart[pitch], openBin[pitch],
                        Math.max(now, openStart[pitch] + 1));
            }
        }
        return new NoteSequence(notes);
    }

    /** The longest time {@link #toSteps} encodes: {@code 2³⁰} 10 ms steps, about 124 days. */
    public static final double MAX_SECONDS = (double) (Integer.MAX_VALUE / 2) / STEPS_PER_SECOND;

    /**
     * @param seconds a time in seconds, at most {@link #MAX_SECONDS}
     * @return the nearest 10 ms step
     */
    public static int toSteps(double seconds) {
        long steps = Math.round(seconds * STEPS_PER_SECOND);
        if (steps > Integer.MAX_VALUE / 2) {
            throw new UserError("time " + seconds + " s is too long to encode");
        }
        return (int) steps;
    }

    private static void close(List<Note> notes, int pitch, int start, int bin, int end) {
        if (start >= 0 && end > start) {
            notes.add(new Note(pitch, PerformanceVocabulary.binToVelocity(bin),
                    (double) start / STEPS_PER_SECOND, (double) end / STEPS_PER_SECOND));
        }
    }

    private static List<StepNote> quantize(NoteSequence notes) {
        List<StepNote> quantized = new ArrayList<>(notes.size());
        for (Note note : notes.notes()) {
            int start = toSteps(note.startSeconds());
            int end = Math.max(start + 1, toSteps(note.endSeconds()));
            quantized.add(new StepNote(note.pitch(),
                    PerformanceVocabulary.velocityToBin(note.velocity()), start, end));
        }
        return quantized;
    }

    /** Per pitch: one note per onset step (the longest) and each note cut at the next onset. */
    private static List<StepNote> disjointPerPitch(List<StepNote> notes) {
        List<StepNote> sorted = new ArrayList<>(notes);
        sorted.sort(Comparator.comparingInt(StepNote::pitch).thenComparingInt(StepNote::start)
                .thenComparing(Comparator.comparingInt(StepNote::end).reversed()));
        List<StepNote> result = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            StepNote note = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).pitch() == note.pitch()
                    && sorted.get(i - 1).start() == note.start()) {
                continue;                                   // duplicate onset, shorter note
            }
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).pitch() == note.pitch()
                    && sorted.get(j).start() == note.start()) {
                j++;
            }
            if (j < sorted.size() && sorted.get(j).pitch() == note.pitch()
                    && sorted.get(j).start() < note.end()) {
                note = new StepNote(note.pitch(), note.bin(), note.start(), sorted.get(j).start());
            }
            result.add(note);
        }
        return result;
    }

    private static int[] ensure(int[] array, int needed) {
        return needed <= array.length ? array : Arrays.copyOf(array, Math.max(needed, 2 * array.length));
    }
}

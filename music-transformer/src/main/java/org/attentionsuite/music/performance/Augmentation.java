package org.attentionsuite.music.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * Training-time data augmentation of the Music Transformer paper (section 4.1.1, Piano-e-Comp):
 * a pitch transposition and a time stretch, each drawn uniformly from a set of choices, applied
 * to a {@link NoteSequence} before encoding. Notes transposed out of 0..127 are dropped.
 *
 * @param transpositions the candidate transpositions in semitones (non-empty, each within
 *     -127..127)
 * @param stretchFactors the candidate time stretch factors (non-empty, each finite and
 *     positive); 1.05 makes the piece 5% slower
 */
public record Augmentation(List<Integer> transpositions, List<Double> stretchFactors) {

    /** Validates and copies the choices. */
    public Augmentation {
        transpositions = List.copyOf(Objects.requireNonNull(transpositions, "transpositions"));
        stretchFactors = List.copyOf(Objects.requireNonNull(stretchFactors, "stretchFactors"));
        if (transpositions.isEmpty() || stretchFactors.isEmpty()) {
            throw new UserError(
                    "transpositions and stretchFactors must each offer at least one choice");
        }
        for (int semitones : transpositions) {
            if (Math.abs(semitones) > 127) {
                throw new UserError(
                        "transposition (" + semitones + ") must be within -127..127 semitones");
            }
        }
        for (double factor : stretchFactors) {
            if (!Double.isFinite(factor) || factor <= 0) {
                throw new UserError(
                        "stretch factor (" + factor + ") must be finite and positive");
            }
        }
    }

    /**
     * The paper's setting: transpositions uniformly from {-3, ..., 3} semitones and stretches
     * uniformly from {0.95, 0.975, 1.0, 1.025, 1.05}.
     *
     * @return the paper's augmentation
     */
    public static Augmentation paper() {
        return new Augmentation(List.of(-3, -2, -1, 0, 1, 2, 3),
                List.of(0.95, 0.975, 1.0, 1.025, 1.05));
    }

    /** @return the identity augmentation (no transposition, no stretch) */
    public static Augmentation none() {
        return new Augmentation(List.of(0), List.of(1.0));
    }

    /**
     * Draws one transposition and one stretch factor and applies both.
     *
     * @param notes the original notes (not modified)
     * @param random the source of randomness
     * @return the augmented notes
     */
    public NoteSequence apply(NoteSequence notes, Random random) {
        int semitones = transpositions.get(random.nextInt(transpositions.size()));
        double factor = stretchFactors.get(random.nextInt(stretchFactors.size()));
        return stretch(transpose(notes, semitones), factor);
    }

    /**
     * @param notes the notes
     * @param semitones the transposition, positive is up
     * @return the transposed notes; notes leaving 0..127 are dropped
     */
    public static NoteSequence transpose(NoteSequence notes, int semitones) {
        List<Note> out = new ArrayList<>(notes.size());
        for (Note note : notes.notes()) {
            int pitch = note.pitch() + semitones;
            if (pitch >= 0 && pitch <= 127) {
                out.add(note.withPitch(pitch));
            }
        }
        return new NoteSequence(out);
    }

    /**
     * @param notes the notes
     * @param factor the stretch factor, finite and positive; every time is multiplied by it
     * @return the stretched notes
     */
    public static NoteSequence stretch(NoteSequence notes, double factor) {
        if (!Double.isFinite(factor) || factor <= 0) {
            throw new UserError(
                    "stretch factor (" + factor + ") must be finite and positive");
        }
        List<Note> out = new ArrayList<>(notes.size());
        for (Note note : notes.notes()) {
            out.add(note.withTimes(note.startSeconds() * factor, note.endSeconds() * factor));
        }
        return new NoteSequence(out);
    }
}

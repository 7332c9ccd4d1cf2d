package org.attentionsuite.music.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of notes sorted by onset (ties broken by pitch, then offset, then channel),
 * the common currency of the readers, writers, encoders and renderers.
 *
 * @param notes the notes, copied and sorted by the constructor
 */
public record NoteSequence(List<Note> notes) {

    /** The canonical note order: onset, pitch, offset, channel, program, velocity. */
    public static final Comparator<Note> ORDER = Comparator
            .comparingDouble(Note::startSeconds)
            .thenComparingInt(Note::pitch)
            .thenComparingDouble(Note::endSeconds)
            .thenComparingInt(Note::channel)
            .thenComparingInt(Note::program)
            .thenComparingInt(Note::velocity);

    /** Copies and sorts the notes; null notes are rejected. */
    public NoteSequence {
        Objects.requireNonNull(notes, "notes");
        List<Note> sorted = new ArrayList<>(notes.size());
        for (Note note : notes) {
            sorted.add(Objects.requireNonNull(note, "notes must not contain null"));
        }
        sorted.sort(ORDER);
        notes = List.copyOf(sorted);
    }

    /**
     * @param notes the notes in any order
     * @return the sorted sequence
     */
    public static NoteSequence of(Note... notes) {
        return new NoteSequence(Arrays.asList(notes));
    }

    /** @return a sequence without notes */
    public static NoteSequence empty() {
        return new NoteSequence(List.of());
    }

    /** @return the end of the last note to finish, 0 when empty */
    public double totalSeconds() {
        double total = 0;
        for (Note note : notes) {
            total = Math.max(total, note.endSeconds());
        }
        return total;
    }

    /** @return the number of notes */
    public int size() {
        return notes.size();
    }

    /** @return true when there are no notes */
    public boolean isEmpty() {
        return notes.isEmpty();
    }

    /** @return the distinct channels used, ascending */
    public int[] channels() {
        return notes.stream().mapToInt(Note::channel).distinct().sorted().toArray();
    }
}

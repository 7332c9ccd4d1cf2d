package org.attentionsuite.music.chorale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * The Music Transformer's JSB chorale tokens: the grid is read step by step, and within a step
 * soprano, alto, tenor, bass. Tokens:
 * <pre>
 *   0..127  the voice sounds this MIDI pitch
 *   128     REST: the voice is silent
 *   129     PAD
 *   130     EOS
 * </pre>
 * Held and repeated notes are not distinguished (the grid does not distinguish them either).
 * For audio or MIDI output, a chorale becomes a {@link NoteSequence} with one channel per voice
 * (0 soprano .. 3 bass), a 16th note lasting {@value #STEP_SECONDS} s (120 bpm), and consecutive
 * equal pitches of one voice merged into one held note.
 */
public final class ChoraleEncoding {

    /** Token of a silent voice. */
    public static final int REST = 128;
    /** Padding token. */
    public static final int PAD = 129;
    /** End-of-sequence token. */
    public static final int EOS = 130;
    /** Number of tokens. */
    public static final int SIZE = 131;
    /** Seconds per 16th-note step at 120 bpm. */
    public static final double STEP_SECONDS = 0.125;
    /** Velocity of the notes of {@link #toNoteSequence(Chorale)}. */
    public static final int VELOCITY = 80;

    private ChoraleEncoding() {
    }

    /**
     * @param chorale a chorale
     * @return {@code 4 * steps} tokens, no EOS
     */
    public static int[] encode(Chorale chorale) {
        int[] tokens = new int[chorale.steps() * Chorale.VOICES];
        for (int step = 0; step < chorale.steps(); step++) {
            for (int voice = 0; voice < Chorale.VOICES; voice++) {
                int pitch = chorale.pitch(step, voice);
                tokens[step * Chorale.VOICES + voice] = pitch == Chorale.SILENT ? REST : pitch;
            }
        }
        return tokens;
    }

    /**
     * @param chorale a chorale
     * @return {@link #encode(Chorale)} followed by EOS
     */
    public static int[] encodeWithEos(Chorale chorale) {
        int[] tokens = encode(chorale);
        int[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = EOS;
        return out;
    }

    /**
     * Reads tokens back into a grid: PAD tokens are skipped, reading stops at the first EOS,
     * and an incomplete last step (fewer than four tokens) is dropped.
     *
     * @param tokens token ids, each in 0..130
     * @return the chorale
     * @throws IllegalArgumentException if a token is out of range
     */
    public static Chorale decode(int[] tokens) {
        List<Integer> cells = new ArrayList<>(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            int token = tokens[i];
            if (token < 0 || token >= SIZE) {
                throw new UserError(
                        "token " + token + " at position " + i + " must be in 0.." + (SIZE - 1));
            }
            if (token == EOS) {
                break;
            }
            if (token != PAD) {
                cells.add(token == REST ? Chorale.SILENT : token);
            }
        }
        int[][] grid = new int[cells.size() / Chorale.VOICES][Chorale.VOICES];
        for (int step = 0; step < grid.length; step++) {
            for (int voice = 0; voice < Chorale.VOICES; voice++) {
                grid[step][voice] = cells.get(step * Chorale.VOICES + voice);
            }
        }
        return Chorale.of(grid);
    }

    /**
     * The number of notes for nats-per-note reporting: tokens that are pitches (0..127), so
     * neither REST, PAD nor EOS.
     *
     * @param tokens token ids
     * @return how many of them are pitches
     */
    public static int noteCount(int[] tokens) {
        int count = 0;
        for (int token : tokens) {
            if (token >= 0 && token < REST) {
                count++;
            }
        }
        return count;
    }

    /**
     * @param chorale a chorale
     * @return its notes: channel = voice (0 soprano .. 3 bass), program 0, velocity
     *     {@value #VELOCITY}, runs of one pitch in one voice merged into one note
     */
    public static NoteSequence toNoteSequence(Chorale chorale) {
        List<Note> notes = new ArrayList<>();
        for (int voice = 0; voice < Chorale.VOICES; voice++) {
            int runStart = 0;
            for (int step = 1; step <= chorale.steps(); step++) {
                int previous = chorale.pitch(step - 1, voice);
                boolean runEnds = step == chorale.steps() || chorale.pitch(step, voice) != previous;
                if (runEnds) {
                    if (previous != Chorale.SILENT) {
                        notes.add(new Note(previous, VELOCITY, runStart * STEP_SECONDS,
                                step * STEP_SECONDS, 0, voice));
                    }
                    runStart = step;
                }
            }
        }
        return new NoteSequence(notes);
    }

    /**
     * @param tokens chorale tokens, e.g. a model sample
     * @return {@code toNoteSequence(decode(tokens))}
     */
    public static NoteSequence toNoteSequence(int[] tokens) {
        return toNoteSequence(decode(tokens));
    }
}

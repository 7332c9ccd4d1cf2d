package org.attentionsuite.music.performance;

import org.attentionsuite.core.UserError;

/**
 * The performance event vocabulary of the Music Transformer paper. Ids:
 * <pre>
 *   0 ..127   NOTE_ON(pitch)
 *   128..255  NOTE_OFF(pitch)
 *   256..355  TIME_SHIFT(1..100 steps of 10 ms, so 10 ms .. 1 s)
 *   356..387  VELOCITY(bin 0..31); bin b covers velocities 1+4b .. 4+4b (bin 31: 125..127)
 *   388       PAD
 *   389       EOS
 * </pre>
 * Velocity bins follow Magenta's performance encoding: bin size {@code ceil(127 / 32) = 4}, a
 * velocity {@code v} falls in bin {@code (v - 1) / 4} and a bin decodes to its lowest velocity.
 */
public final class PerformanceVocabulary {

    /** The kind of an event id. */
    public enum EventType {
        /** A key goes down; value = pitch. */
        NOTE_ON,
        /** A key goes up; value = pitch. */
        NOTE_OFF,
        /** Time advances; value = number of 10 ms steps, 1..100. */
        TIME_SHIFT,
        /** Sets the velocity of the following onsets; value = bin, 0..31. */
        VELOCITY,
        /** Padding after the end of a short sequence. */
        PAD,
        /** End of sequence. */
        EOS
    }

    /** Number of MIDI pitches. */
    public static final int PITCHES = 128;
    /** Length of one time step in seconds (10 ms). */
    public static final double STEP_SECONDS = 0.01;
    /** Time steps per second. */
    public static final int STEPS_PER_SECOND = 100;
    /** Longest single time shift, in steps (1 s). */
    public static final int MAX_SHIFT_STEPS = 100;
    /** Number of velocity bins. */
    public static final int VELOCITY_BINS = 32;
    /** Velocities per bin: ceil(127 / 32). */
    public static final int VELOCITY_BIN_SIZE = (127 + VELOCITY_BINS - 1) / VELOCITY_BINS;

    /** First NOTE_ON id. */
    public static final int NOTE_ON_OFFSET = 0;
    /** First NOTE_OFF id. */
    public static final int NOTE_OFF_OFFSET = NOTE_ON_OFFSET + PITCHES;
    /** Id of TIME_SHIFT(1 step); TIME_SHIFT(s) is {@code TIME_SHIFT_OFFSET + s - 1}. */
    public static final int TIME_SHIFT_OFFSET = NOTE_OFF_OFFSET + PITCHES;
    /** First VELOCITY id. */
    public static final int VELOCITY_OFFSET = TIME_SHIFT_OFFSET + MAX_SHIFT_STEPS;
    /** The padding id (388). */
    public static final int PAD = VELOCITY_OFFSET + VELOCITY_BINS;
    /** The end-of-sequence id (389). */
    public static final int EOS = PAD + 1;
    /** Number of ids (390). */
    public static final int SIZE = EOS + 1;

    private PerformanceVocabulary() {
    }

    /**
     * @param pitch MIDI pitch, 0..127
     * @return the NOTE_ON id
     */
    public static int noteOn(int pitch) {
        checkRange("pitch", pitch, 0, PITCHES - 1);
        return NOTE_ON_OFFSET + pitch;
    }

    /**
     * @param pitch MIDI pitch, 0..127
     * @return the NOTE_OFF id
     */
    public static int noteOff(int pitch) {
        checkRange("pitch", pitch, 0, PITCHES - 1);
        return NOTE_OFF_OFFSET + pitch;
    }

    /**
     * @param steps number of 10 ms steps, 1..100
     * @return the TIME_SHIFT id
     */
    public static int timeShift(int steps) {
        checkRange("time shift steps", steps, 1, MAX_SHIFT_STEPS);
        return TIME_SHIFT_OFFSET + steps - 1;
    }

    /**
     * @param bin velocity bin, 0..31
     * @return the VELOCITY id
     */
    public static int velocity(int bin) {
        checkRange("velocity bin", bin, 0, VELOCITY_BINS - 1);
        return VELOCITY_OFFSET + bin;
    }

    /**
     * @param velocity MIDI velocity, 1..127
     * @return its bin, 0..31
     */
    public static int velocityToBin(int velocity) {
        checkRange("velocity", velocity, 1, 127);
        return (velocity - 1) / VELOCITY_BIN_SIZE;
    }

    /**
     * @param bin velocity bin, 0..31
     * @return the lowest velocity of the bin
     */
    public static int binToVelocity(int bin) {
        checkRange("velocity bin", bin, 0, VELOCITY_BINS - 1);
        return 1 + bin * VELOCITY_BIN_SIZE;
    }

    /**
     * @param id an event id, 0..389
     * @return its kind
     */
    public static EventType type(int id) {
        checkRange("event id", id, 0, SIZE - 1);
        if (id < NOTE_OFF_OFFSET) {
            return EventType.NOTE_ON;
        } else if (id < TIME_SHIFT_OFFSET) {
            return EventType.NOTE_OFF;
        } else if (id < VELOCITY_OFFSET) {
            return EventType.TIME_SHIFT;
        } else if (id < PAD) {
            return EventType.VELOCITY;
        }
        return id == PAD ? EventType.PAD : EventType.EOS;
    }

    /**
     * The argument of an event: the pitch of NOTE_ON / NOTE_OFF, the number of steps of
     * TIME_SHIFT, the bin of VELOCITY, 0 for PAD and EOS.
     *
     * @param id an event id, 0..389
     * @return its value
     */
    public static int value(int id) {
        return switch (type(id)) {
            case NOTE_ON -> id - NOTE_ON_OFFSET;
            case NOTE_OFF -> id - NOTE_OFF_OFFSET;
            case TIME_SHIFT -> id - TIME_SHIFT_OFFSET + 1;
            case VELOCITY -> id - VELOCITY_OFFSET;
            case PAD, EOS -> 0;
        };
    }

    /**
     * A human readable form, e.g. {@code "NOTE_ON(60 C4)"}, {@code "TIME_SHIFT(250 ms)"},
     * {@code "VELOCITY(bin 20, v=81)"}, {@code "PAD"}.
     *
     * @param id an event id, 0..389
     * @return the description
     */
    public static String describe(int id) {
        int value = value(id);
        return switch (type(id)) {
            case NOTE_ON -> "NOTE_ON(" + value + " " + pitchName(value) + ")";
            case NOTE_OFF -> "NOTE_OFF(" + value + " " + pitchName(value) + ")";
            case TIME_SHIFT -> "TIME_SHIFT(" + value * 10 + " ms)";
            case VELOCITY -> "VELOCITY(bin " + value + ", v=" + binToVelocity(value) + ")";
            case PAD -> "PAD";
            case EOS -> "EOS";
        };
    }

    /**
     * @param pitch MIDI pitch, 0..127
     * @return its scientific name with sharps, e.g. 60 gives {@code "C4"}, 61 {@code "C#4"}
     */
    public static String pitchName(int pitch) {
        checkRange("pitch", pitch, 0, PITCHES - 1);
        String[] names = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        return names[pitch % 12] + (pitch / 12 - 1);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UserError(
                    name + " (" + value + ") must be in " + min + ".." + max);
        }
    }
}

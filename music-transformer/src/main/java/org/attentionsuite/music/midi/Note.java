package org.attentionsuite.music.midi;

/**
 * One sounding note.
 *
 * @param pitch MIDI key number, 0..127 (60 = middle C)
 * @param velocity MIDI velocity, 1..127 (a NOTE_ON with velocity 0 is a note off, not a note)
 * @param startSeconds onset time in seconds, finite and non-negative
 * @param endSeconds offset time in seconds, finite and strictly after the onset
 * @param program General MIDI program (instrument), 0..127
 * @param channel MIDI channel index 0..15 (index 9 is the General MIDI drum channel); notes of
 *     one channel form one voice and are written to one track
 */
public record Note(int pitch, int velocity, double startSeconds, double endSeconds,
                   int program, int channel) {

    /** Number of MIDI channels. */
    public static final int CHANNELS = 16;

    /** Validates the note. */
    public Note {
        requireMidiByte("pitch", pitch, 0);
        requireMidiByte("velocity", velocity, 1);
        requireMidiByte("program", program, 0);
        if (channel < 0 || channel >= CHANNELS) {
            throw new IllegalArgumentException("channel (" + channel + ") must be in 0..15");
        }
        if (!Double.isFinite(startSeconds) || startSeconds < 0) {
            throw new IllegalArgumentException(
                    "startSeconds (" + startSeconds + ") must be finite and >= 0");
        }
        if (!Double.isFinite(endSeconds) || endSeconds <= startSeconds) {
            throw new IllegalArgumentException("endSeconds (" + endSeconds
                    + ") must be finite and after startSeconds (" + startSeconds + ")");
        }
    }

    /**
     * A note on channel 0 with program 0 (acoustic grand piano).
     *
     * @param pitch MIDI key number, 0..127
     * @param velocity MIDI velocity, 1..127
     * @param startSeconds onset in seconds
     * @param endSeconds offset in seconds, after the onset
     */
    public Note(int pitch, int velocity, double startSeconds, double endSeconds) {
        this(pitch, velocity, startSeconds, endSeconds, 0, 0);
    }

    /** @return the duration in seconds, always positive */
    public double durationSeconds() {
        return endSeconds - startSeconds;
    }

    /**
     * @param newStart the new onset
     * @param newEnd the new offset
     * @return this note with other times
     */
    public Note withTimes(double newStart, double newEnd) {
        return new Note(pitch, velocity, newStart, newEnd, program, channel);
    }

    /**
     * @param newPitch the new MIDI key number
     * @return this note with another pitch
     */
    public Note withPitch(int newPitch) {
        return new Note(newPitch, velocity, startSeconds, endSeconds, program, channel);
    }

    private static void requireMidiByte(String name, int value, int min) {
        if (value < min || value > 127) {
            throw new IllegalArgumentException(
                    name + " (" + value + ") must be in " + min + "..127");
        }
    }
}

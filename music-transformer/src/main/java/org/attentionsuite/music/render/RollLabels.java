package org.attentionsuite.music.render;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.midi.Note;

/**
 * What a {@link PianoRoll} explains besides the notes: where a primer ends, and the names of
 * the voices in the legend.
 *
 * @param primerEndSeconds where the given part of the music ends and the generated part starts;
 *     empty when the music was not continued from a primer
 * @param voiceNames legend names by channel (0..15); a channel without a name is shown as
 *     {@code "ch N: <General MIDI program of its first note>"}, with N counted from 1 (copied)
 */
public record RollLabels(OptionalDouble primerEndSeconds, Map<Integer, String> voiceNames) {

    /** Validates the primer end and the names, and copies the names. */
    public RollLabels {
        Objects.requireNonNull(primerEndSeconds, "primerEndSeconds");
        if (primerEndSeconds.isPresent()
                && !(Double.isFinite(primerEndSeconds.getAsDouble())
                && primerEndSeconds.getAsDouble() >= 0)) {
            throw new UserError("primer end (" + primerEndSeconds.getAsDouble()
                    + " s) must be finite and >= 0");
        }
        for (Map.Entry<Integer, String> entry : voiceNames.entrySet()) {
            int channel = Objects.requireNonNull(entry.getKey(), "channel");
            if (channel < 0 || channel >= Note.CHANNELS) {
                throw new UserError("voice channel (" + channel + ") must be in 0..15");
            }
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                throw new UserError("voice name of channel " + channel + " must not be blank");
            }
        }
        voiceNames = Map.copyOf(new TreeMap<>(voiceNames));
    }

    /** @return no primer marker, default voice names */
    public static RollLabels none() {
        return new RollLabels(OptionalDouble.empty(), Map.of());
    }

    /**
     * @param seconds where the primer ends, >= 0
     * @return these labels with a primer marker at {@code seconds}
     */
    public RollLabels withPrimerEnd(double seconds) {
        return new RollLabels(OptionalDouble.of(seconds), voiceNames);
    }

    /**
     * @param names legend names by channel
     * @return these labels with those voice names
     */
    public RollLabels withVoiceNames(Map<Integer, String> names) {
        return new RollLabels(primerEndSeconds, names);
    }
}

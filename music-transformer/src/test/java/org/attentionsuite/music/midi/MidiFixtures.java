package org.attentionsuite.music.midi;

import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

/** Builds small MIDI sequences and files for tests, event by event. */
public final class MidiFixtures {

    /** Folder of the Debian package openttd-openmsx (real MIDI files, GPL-2). */
    public static final Path OPENMSX = Path.of("/usr/share/games/openttd/baseset/openmsx");

    private MidiFixtures() {
    }

    /** Adds a channel message. */
    public static void add(Track track, long tick, int command, int channel, int data1, int data2) {
        try {
            track.add(new MidiEvent(new ShortMessage(command, channel, data1, data2), tick));
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Adds a note on and its note off. */
    public static void note(Track track, int channel, int pitch, int velocity, long on, long off) {
        add(track, on, ShortMessage.NOTE_ON, channel, pitch, velocity);
        add(track, off, ShortMessage.NOTE_OFF, channel, pitch, 0);
    }

    /** Adds a sustain pedal event (controller 64). */
    public static void pedal(Track track, int channel, long tick, boolean down) {
        add(track, tick, ShortMessage.CONTROL_CHANGE, channel, 64, down ? 127 : 0);
    }

    /** Adds a tempo meta event. */
    public static void tempo(Track track, long tick, int microsPerQuarter) {
        byte[] data = {(byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8),
                (byte) microsPerQuarter};
        try {
            track.add(new MidiEvent(new MetaMessage(0x51, data, 3), tick));
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A new pulses-per-quarter sequence. */
    public static Sequence ppq(int resolution) {
        try {
            return new Sequence(Sequence.PPQ, resolution);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Writes a sequence as a MIDI file of the given format (0 needs a single track). */
    public static Path write(Sequence sequence, int format, Path file) {
        try {
            MidiSystem.write(sequence, format, file.toFile());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.attentionsuite.music.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiSystem;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.midi.SmfBytes;

/**
 * Small valid MIDI files written by code, the seeds of MIDI fuzzing. Together they hold the
 * structures real files have: formats 0 and 1, pulses-per-quarter and SMPTE divisions, tempo
 * changes, running status (also across meta and sysex events, as Rosegarden writes), note offs
 * as NOTE_OFF and as NOTE_ON with velocity 0, re-struck keys, zero-length notes, program
 * changes, the sustain pedal, pitch bend and pressure, the drum channel, text, time and key
 * signature meta events, a sysex, a chunk of unknown type and a track without end-of-track.
 */
public final class MidiSeedCorpus {

    private static final int PPQ = 96;
    private static final int NOTE_ON = 0x90;
    private static final int NOTE_OFF = 0x80;

    private MidiSeedCorpus() {
    }

    /** @return the seed files, each a complete MIDI file of at most a few kilobytes */
    public static List<byte[]> files() {
        List<byte[]> files = new ArrayList<>();
        files.add(writtenByJavax());
        files.add(formatZeroWithEverything());
        files.add(formatOneWithTempoTrack());
        files.add(smpteWithoutEndOfTrack());
        files.add(runningStatusSong());
        return List.copyOf(files);
    }

    /** What {@link MidiWriter} writes: format 1, 480 ticks per quarter, two programs. */
    static byte[] writtenByJavax() {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            notes.add(new Note(60 + i % 8, 50 + 4 * i, i * 0.25, i * 0.25 + 0.2, 0, 0));
            if (i % 4 == 0) {
                notes.add(new Note(36 + i / 4, 80, i * 0.25, i * 0.25 + 1.0, 32, 1));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MidiSystem.write(MidiWriter.toSequence(new NoteSequence(notes)), 1, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Format 0 with every kind of event, meta and sysex between running-status events. */
    static byte[] formatZeroWithEverything() {
        SmfBytes.Track t = SmfBytes.track()
                .meta(0, 0x03, 'p', 'i', 'a', 'n', 'o')                 // track name
                .meta(0, 0x58, 4, 2, 24, 8)                             // time signature 4/4
                .meta(0, 0x59, 0xFF, 0)                                 // key signature: F major
                .tempo(0, 600_000)
                .sysex(0, 0x7E, 0x7F, 0x09, 0x01, 0xF7)                 // General MIDI on
                .event(0, 0xC0, 0)                                      // program: piano
                .event(0, 0xC9, 0)                                      // drum kit
                .event(0, 0xB0, 7, 100)                                 // volume
                .event(0, NOTE_ON, 60, 80)
                .meta(0, 0x01, 'a')                                     // text, then running
                .event(48, 64, 70)                                      // status: on 64
                .event(0, 0xB0, 64, 127)                                // pedal down
                .event(48, NOTE_ON, 60, 0)                              // off 60 (held)
                .event(0, 64, 0)                                        // off 64 (held)
                .event(0, 0xE0, 0, 0x50)                                // pitch bend
                .event(0, 0xD0, 40)                                     // channel pressure
                .event(0, 0xA0, 67, 30)                                 // key pressure
                .event(0, 0x99, 36, 100)                                // kick drum
                .event(24, 0x89, 36, 0)
                .event(24, 0xB0, 64, 0)                                 // pedal up
                .event(0, NOTE_ON, 67, 90)
                .event(96, NOTE_ON, 67, 95)                             // re-struck key
                .event(0, NOTE_OFF, 67, 0)                              // ends the first 67
                .event(0, NOTE_ON, 72, 60)                              // zero-length note
                .event(0, NOTE_OFF, 72, 0)
                .tempo(0, 400_000)
                .event(96, NOTE_OFF, 67, 0)
                .end(0);
        return SmfBytes.file(0, PPQ, t);
    }

    /** Format 1: a tempo track, then two instrument tracks with a chunk of unknown type. */
    static byte[] formatOneWithTempoTrack() {
        SmfBytes.Track tempo = SmfBytes.track().tempo(0, 500_000).tempo(192, 750_000).end(0);
        SmfBytes.Track melody = SmfBytes.track().event(0, 0xC1, 40);
        SmfBytes.Track bass = SmfBytes.track().event(0, 0xC2, 33);
        for (int i = 0; i < 12; i++) {
            melody.event(i == 0 ? 0 : 8, 0x91, 72 + (i * 5) % 12, 70 + i).event(40, 0x81, 72 + (i * 5) % 12, 64);
            if (i % 3 == 0) {
                bass.event(i == 0 ? 0 : 48, 0x92, 40 + i / 3, 90).event(96, 0x82, 40 + i / 3, 0);
            }
        }
        byte[] file = SmfBytes.file(1, PPQ, tempo, melody.end(0), bass.end(0));
        byte[] alien = {'X', 'F', 'I', 'H', 0, 0, 0, 4, 1, 2, 3, 4};
        byte[] out = new byte[file.length + alien.length];
        int firstTrack = 14;
        System.arraycopy(file, 0, out, 0, firstTrack);
        System.arraycopy(alien, 0, out, firstTrack, alien.length);
        System.arraycopy(file, firstTrack, out, firstTrack + alien.length, file.length - firstTrack);
        return out;
    }

    /** SMPTE division (25 frames of 40 ticks), and a track that ends without end-of-track. */
    static byte[] smpteWithoutEndOfTrack() {
        SmfBytes.Track t = SmfBytes.track();
        for (int i = 0; i < 8; i++) {
            t.event(i == 0 ? 0 : 100, NOTE_ON, 55 + 2 * i, 64 + 8 * i).event(150, 55 + 2 * i, 0);
        }
        return SmfBytes.file(0, 0xE728, t);
    }

    /** A denser song in one track: chords, velocity-0 note offs, all in running status. */
    static byte[] runningStatusSong() {
        SmfBytes.Track t = SmfBytes.track().tempo(0, 500_000).event(0, 0xB0, 64, 0);
        int[] roots = {60, 65, 67, 60, 57, 62, 67, 60};
        boolean first = true;
        for (int bar = 0; bar < roots.length; bar++) {
            int root = roots[bar];
            int[] chord = {root, root + 4, root + 7};
            for (int k = 0; k < chord.length; k++) {
                if (first) {
                    t.event(0, NOTE_ON, chord[k], 60 + k * 10);
                    first = false;
                } else {
                    t.event(k == 0 ? 12 : 0, chord[k], 60 + k * 10);
                }
            }
            for (int k = 0; k < chord.length; k++) {
                t.event(k == 0 ? 84 : 0, chord[k], 0);
            }
        }
        return SmfBytes.file(0, PPQ, t.end(0));
    }
}

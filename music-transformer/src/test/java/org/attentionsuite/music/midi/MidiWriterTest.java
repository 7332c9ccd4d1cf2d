package org.attentionsuite.music.midi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiFileFormat;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiWriterTest {

    private static final double TICK = 1.0 / MidiWriter.TICKS_PER_SECOND;

    @TempDir
    Path dir;

    @Test
    void writesFormatOneAt480TicksAnd120Bpm() throws IOException, InvalidMidiDataException {
        Path file = dir.resolve("one.mid");
        MidiWriter.write(NoteSequence.of(new Note(60, 100, 0.5, 1.0, 0, 0),
                new Note(40, 90, 0.0, 2.0, 32, 3)), file);
        MidiFileFormat format = MidiSystem.getMidiFileFormat(file.toFile());
        assertEquals(1, format.getType());
        assertEquals(480, format.getResolution());
        Sequence sequence = MidiSystem.getSequence(file.toFile());
        assertEquals(3, sequence.getTracks().length, "tempo track + one track per channel");
        // the note at 0.5 s starts at tick 480 = one quarter at 120 bpm
        assertEquals(480, firstNoteOnTick(sequence.getTracks()[1]));
        assertEquals(1.0, TempoMap.of(sequence).seconds(960), 1e-12);
    }

    @Test
    void roundTripKeepsNotesChannelsAndPrograms() {
        Random random = new Random(3);
        List<Note> notes = new ArrayList<>();
        for (int channel : new int[] {0, 1, 5}) {
            for (int pitch = 40; pitch < 90; pitch += 7) {
                double start = random.nextInt(5000) / 1000.0;
                notes.add(new Note(pitch, 1 + random.nextInt(127), start,
                        start + 0.01 + random.nextInt(2000) / 1000.0, channel * 10, channel));
            }
        }
        NoteSequence original = new NoteSequence(notes);
        Path file = dir.resolve("round.mid");
        MidiWriter.write(original, file);
        NoteSequence read = MidiReader.read(file);
        assertEquals(original.size(), read.size());
        for (int i = 0; i < original.size(); i++) {
            Note a = original.notes().get(i);
            Note b = read.notes().get(i);
            assertEquals(a.pitch(), b.pitch());
            assertEquals(a.velocity(), b.velocity());
            assertEquals(a.channel(), b.channel());
            assertEquals(a.program(), b.program());
            assertEquals(a.startSeconds(), b.startSeconds(), TICK / 2 + 1e-12);
            assertEquals(a.endSeconds(), b.endSeconds(), TICK / 2 + 1e-12);
        }
    }

    @Test
    void programPerTrackOverridesNotePrograms() {
        NoteSequence notes = NoteSequence.of(new Note(60, 80, 0, 1, 5, 0),
                new Note(64, 80, 0, 1, 6, 2));
        Path file = dir.resolve("programs.mid");
        MidiWriter.write(notes, file, 19, 52);
        List<Note> read = MidiReader.read(file).notes();
        assertEquals(19, read.get(0).program());
        assertEquals(52, read.get(1).program());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MidiWriter.write(notes, file, 19));
        assertEquals("programPerTrack has 1 entries but the notes use 2 channels (tracks)",
                e.getMessage());
    }

    @Test
    void replacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("song.mid");
        Files.writeString(file, "old content");
        MidiWriter.write(NoteSequence.of(new Note(60, 80, 0, 1)), file);
        assertEquals(1, MidiReader.read(file).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void unwritableTargetIsNamedInTheError() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path target = blocker.resolve("song.mid");
        UserError e = assertThrows(UserError.class,
                () -> MidiWriter.write(NoteSequence.of(new Note(60, 80, 0, 1)), target));
        assertTrue(e.getMessage().startsWith(target + ": cannot write"), e.getMessage());
    }

    private static long firstNoteOnTick(Track track) {
        for (int i = 0; i < track.size(); i++) {
            if (track.get(i).getMessage() instanceof ShortMessage m
                    && m.getCommand() == ShortMessage.NOTE_ON) {
                return track.get(i).getTick();
            }
        }
        return -1;
    }
}

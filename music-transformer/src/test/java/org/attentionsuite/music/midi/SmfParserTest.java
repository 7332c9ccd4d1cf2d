package org.attentionsuite.music.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.bundled.BundledMusic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written SMF parser against the JDK's reader, and its rules for corrupt files. */
class SmfParserTest {

    @TempDir
    Path dir;

    /** The bundled Freedoom songs, the openmsx songs when installed, and a MidiWriter file. */
    private Map<String, byte[]> realFiles() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String song : BundledMusic.names()) {
            try (InputStream in = BundledMusic.class.getResourceAsStream(
                    BundledMusic.RESOURCE_FOLDER + song)) {
                files.put(song, in.readAllBytes());
            }
        }
        if (Files.isDirectory(MidiFixtures.OPENMSX)) {
            try (Stream<Path> list = Files.list(MidiFixtures.OPENMSX)) {
                for (Path file : list.filter(p -> p.toString().endsWith(".mid")).sorted().toList()) {
                    files.put(file.toString(), Files.readAllBytes(file));
                }
            }
        }
        Path written = dir.resolve("written.mid");
        MidiWriter.write(NoteSequence.of(new Note(60, 90, 0, 0.5, 5, 0),
                new Note(64, 70, 0.25, 1.5, 40, 3)), written);
        files.put(written.toString(), Files.readAllBytes(written));
        return files;
    }

    @Test
    void givesTheSameEventsAsTheJdkReaderOnRealFiles() throws Exception {
        Map<String, byte[]> files = realFiles();
        assertTrue(files.size() > BundledMusic.names().size(), "no files: " + files.keySet());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Sequence jdk = MidiSystem.getSequence(new ByteArrayInputStream(file.getValue()));
            Sequence ours = SmfParser.parse(file.getValue(), file.getKey());
            String where = file.getKey();
            assertEquals(jdk.getDivisionType(), ours.getDivisionType(), where);
            assertEquals(jdk.getResolution(), ours.getResolution(), where);
            assertEquals(jdk.getTickLength(), ours.getTickLength(), where);
            assertEquals(jdk.getTracks().length, ours.getTracks().length, where);
            for (int t = 0; t < jdk.getTracks().length; t++) {
                Track a = jdk.getTracks()[t];
                Track b = ours.getTracks()[t];
                assertEquals(a.size(), b.size(), where + " track " + t);
                for (int i = 0; i < a.size(); i++) {
                    String event = where + " track " + t + " event " + i;
                    assertEquals(a.get(i).getTick(), b.get(i).getTick(), event);
                    assertArrayEquals(a.get(i).getMessage().getMessage(),
                            b.get(i).getMessage().getMessage(), event);
                }
            }
        }
    }

    @Test
    void skipsAlienChunksAndIgnoresBytesAfterEndOfTrack() {
        byte[] alien = {'X', 'F', 'I', 'H', 0, 0, 0, 3, 1, 2, 3};
        byte[] track = SmfBytes.track().event(0, 0x90, 0x3C, 0x40).event(48, 0x80, 0x3C, 0)
                .end(0).event(0, 0xF4).chunk();      // garbage after the end of the track
        byte[] header = SmfBytes.file(1, 96);
        header[11] = 1;                              // announce one track
        byte[] file = concat(header, alien, track);
        Sequence sequence = SmfParser.parse(file, "alien");
        assertEquals(1, sequence.getTracks().length);
        Track read = sequence.getTracks()[0];
        assertEquals(3, read.size());                // note on, note off, end of track
        assertEquals(48, sequence.getTickLength());
        assertTrue(read.get(2).getMessage() instanceof MetaMessage m && m.getType() == 0x2F);
    }

    @Test
    void aTrackWithoutEndOfTrackIsRead() {
        byte[] file = SmfBytes.file(0, 96, SmfBytes.track().event(0, 0x90, 0x3C, 0x40)
                .event(96, 0x3C, 0x00));
        List<Note> notes = MidiReader.parse(file, "no-end").notes();
        assertEquals(1, notes.size(), notes::toString);
        assertEquals(60, notes.get(0).pitch());
        assertEquals(0.5, notes.get(0).endSeconds(), 1e-12);          // 96 ticks at 96 per 0.5 s
    }

    @Test
    void smpteDivisionIsDecoded() throws InvalidMidiDataException, IOException {
        // 25 frames per second (0xE7 = -25) and 40 ticks per frame: 1000 ticks per second
        byte[] file = SmfBytes.file(0, 0xE728, SmfBytes.track().event(250, 0x90, 0x3C, 0x40)
                .event(1000, 0x80, 0x3C, 0x00).end(0));
        Sequence sequence = SmfParser.parse(file, "smpte");
        assertEquals(Sequence.SMPTE_25, sequence.getDivisionType());
        assertEquals(40, sequence.getResolution());
        List<Note> notes = MidiReader.parse(file, "smpte").notes();
        assertEquals(1, notes.size(), notes::toString);
        assertEquals(0.25, notes.get(0).startSeconds(), 1e-12);
        assertEquals(1.25, notes.get(0).endSeconds(), 1e-12);
        // the same event bytes as the JDK reads them
        Sequence jdk = MidiSystem.getSequence(new ByteArrayInputStream(file));
        assertEquals(jdk.getTickLength(), sequence.getTickLength());
    }

    @Test
    void corruptStructuresGiveOneLineNamingTheFileTrackAndByte() {
        SmfBytes.Track good = SmfBytes.track().event(0, 0x90, 0x3C, 0x40).end(96);
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("division of 0 ticks per quarter note (header)", SmfBytes.file(0, 0, good));
        cases.put("SMPTE division of 20 frames per second (must be 24, 25, 29 or 30) (header)",
                SmfBytes.file(0, 0xEC28, good));
        cases.put("SMPTE division of 0 ticks per frame (header)", SmfBytes.file(0, 0xE700, good));
        cases.put("file format 7 (must be 0 or 1) (header)", SmfBytes.file(7, 96, good));
        // 14 header bytes + 8 track chunk bytes: the first event is at byte 22
        cases.put("status byte 0xF4 is not allowed in a MIDI file (track 1, byte 23)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0xF4).end(0)));
        cases.put("meta event type 0x81 must be 0x00..0x7F (track 1, byte 24)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0xFF, 0x81, 0x00).end(0)));
        cases.put("sysex event of 100 bytes overruns its track (7 bytes left) (track 1, byte 24)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0xF0, 100, 1, 2, 0xF7).end(0)));
        cases.put("variable-length quantity longer than 4 bytes (track 1, byte 22)",
                SmfBytes.file(0, 96, SmfBytes.track().raw(0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x90, 0x3C,
                        0x40).end(0)));
        cases.put("track ends inside an event (track 1, byte 25)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0x90, 0x3C)));
        cases.put("data byte 0xDC (220) of a note-on must be 0..127 (track 1, byte 25)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0x90, 0x3C, 0xDC).end(0)));
        cases.put("data byte 0x3C where a status byte is needed (running status without an "
                + "earlier channel status byte) (track 1, byte 23)",
                SmfBytes.file(0, 96, SmfBytes.track().event(0, 0x3C, 0x40).end(0)));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            String message = assertThrows(MusicDataException.class,
                    () -> MidiReader.parse(c.getValue(), "x.mid"), c.getKey()).getMessage();
            assertEquals("x.mid: corrupt MIDI data: " + c.getKey(), message);
        }
    }

    @Test
    void formatTwoIsNotSupportedAndTheMessageSaysSo() {
        byte[] file = SmfBytes.file(2, 96, SmfBytes.track().event(0, 0x90, 0x3C, 0x40).end(96));
        assertEquals("p.mid: MIDI file format 2 (independent patterns) is not supported, only "
                + "formats 0 and 1", assertThrows(MusicDataException.class,
                        () -> MidiReader.parse(file, "p.mid")).getMessage());
    }

    @Test
    void theInputIsNotModified() throws IOException {
        for (byte[] file : realFiles().values()) {
            byte[] copy = file.clone();
            SmfParser.parse(file, "file");
            assertArrayEquals(copy, file);
        }
    }

    @Test
    void channelMessagesKeepTheirBytes() {
        // every channel message kind, each once with status and once by running status
        int[][] messages = {{0x80, 1, 2}, {0x91, 3, 4}, {0xA2, 5, 6}, {0xB3, 7, 8}, {0xC4, 9},
                {0xD5, 10}, {0xE6, 11, 12}};
        SmfBytes.Track track = SmfBytes.track();
        for (int[] m : messages) {
            track.event(1, m);
            int[] running = new int[m.length - 1];
            System.arraycopy(m, 1, running, 0, running.length);
            track.event(1, running);
        }
        Track read = SmfParser.parse(SmfBytes.file(0, 96, track.end(0)), "all")
                .getTracks()[0];
        List<int[]> got = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).getMessage() instanceof ShortMessage s) {
                byte[] raw = s.getMessage();
                int[] values = new int[s.getLength()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = raw[k] & 0xFF;
                }
                got.add(values);
                assertEquals(got.size(), read.get(i).getTick());
            }
        }
        assertEquals(2 * messages.length, got.size());
        for (int i = 0; i < messages.length; i++) {
            assertArrayEquals(messages[i], got.get(2 * i));
            assertArrayEquals(messages[i], got.get(2 * i + 1));
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    @Test
    void messagesHaveNoLineBreaks() {
        byte[] file = SmfBytes.file(0, 96, SmfBytes.track().event(0, 0x90, 0x3C, 0xDC).end(0));
        assertFalse(assertThrows(MusicDataException.class,
                () -> MidiReader.parse(file, "n.mid")).getMessage().contains("\n"));
    }
}

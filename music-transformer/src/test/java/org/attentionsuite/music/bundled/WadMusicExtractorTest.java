package org.attentionsuite.music.bundled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.bundled.WadMusicExtractor.Format;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WadMusicExtractorTest {

    private static final Path FREEDOOM2 = Path.of("/usr/share/games/doom/freedoom2.wad");

    @TempDir
    Path dir;

    /** Builds a PWAD: header, lump contents, then the directory. */
    private static byte[] wad(String id, List<String> names, List<byte[]> contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer directory = ByteBuffer.allocate(16 * names.size()).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 12;
        for (int i = 0; i < names.size(); i++) {
            byte[] content = contents.get(i);
            body.writeBytes(content);
            directory.putInt(offset).putInt(content.length);
            directory.put(java.util.Arrays.copyOf(names.get(i).getBytes(StandardCharsets.US_ASCII), 8));
            offset += content.length;
        }
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(names.size()).putInt(offset);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(header.array());
        all.writeBytes(body.toByteArray());
        all.writeBytes(directory.array());
        return all.toByteArray();
    }

    @Test
    void readsTheDirectoryAndExtractsOnlyMidiMusic() throws IOException {
        Path midi = dir.resolve("song.mid");
        MidiWriter.write(NoteSequence.of(new Note(60, 90, 0, 1), new Note(67, 90, 1, 2)), midi);
        byte[] song = Files.readAllBytes(midi);
        byte[] mus = {'M', 'U', 'S', 0x1a, 1, 2, 3, 4};
        Path file = dir.resolve("test.wad");
        Files.write(file, wad("PWAD", List.of("MAP01", "D_SONG", "D_OLD", "PLAYPAL"),
                List.of(new byte[] {1, 2, 3}, song, mus, new byte[768])));

        WadMusicExtractor extractor = WadMusicExtractor.open(file);
        assertEquals(List.of("MAP01", "D_SONG", "D_OLD", "PLAYPAL"),
                extractor.lumps().stream().map(WadMusicExtractor.Lump::name).toList());
        assertEquals(new WadMusicExtractor.Lump("D_SONG", 15, song.length), extractor.lumps().get(1));
        assertEquals(List.of(Format.MIDI, Format.MUS), extractor.musicLumps().stream()
                .map(WadMusicExtractor.MusicLump::format).toList());

        List<Path> written = extractor.extractMidi(dir.resolve("out"), List.of());
        assertEquals(List.of(dir.resolve("out/test_d_song.mid")), written);
        assertArrayEquals(song, Files.readAllBytes(written.get(0)));
        assertEquals(2, MidiReader.read(written.get(0)).size());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> extractor.extractMidi(dir.resolve("out"), List.of("d_old")));
        assertEquals(file + ": lump D_OLD is MUS, only MIDI lumps can be extracted", e.getMessage());
    }

    @Test
    void rejectsFilesThatAreNotWads() throws IOException {
        Path text = Files.writeString(dir.resolve("x.wad"), "hello, this is not a wad");
        assertEquals(text + ": not a WAD file (bad header)",
                assertThrows(MusicDataException.class, () -> WadMusicExtractor.open(text)).getMessage());
        byte[] good = wad("IWAD", List.of("D_A"), List.of(new byte[] {'M', 'T', 'h', 'd'}));
        Path cut = dir.resolve("cut.wad");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 4));
        String message = assertThrows(MusicDataException.class, () -> WadMusicExtractor.open(cut))
                .getMessage();
        assertTrue(message.startsWith(cut + ": corrupt WAD directory"), message);
    }

    @Test
    void freedoomMusicIsAllMidi() {
        assumeTrue(Files.isRegularFile(FREEDOOM2), "freedoom is not installed");
        List<WadMusicExtractor.MusicLump> music = WadMusicExtractor.open(FREEDOOM2).musicLumps();
        assertTrue(music.size() >= 30, "music lumps: " + music.size());
        assertTrue(music.stream().allMatch(m -> m.format() == Format.MIDI));
    }
}

package org.attentionsuite.music.bundled;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.music.MusicDataException;

/**
 * Lists and extracts the music lumps of a Doom engine WAD file.
 *
 * <p>WAD layout (little-endian): a 12-byte header, the identification {@code "IWAD"} or
 * {@code "PWAD"}, the number of lumps and the offset of the directory; the directory holds one
 * 16-byte entry per lump: file offset, size and an 8-byte NUL-padded ASCII name. Music lumps are
 * named {@code D_*}; their content is either a standard MIDI file (starting {@code "MThd"}) or
 * id Software's MUS format (starting {@code "MUS\u001a"}). Only MIDI lumps are extracted; MUS
 * lumps are listed but not converted (Freedoom ships all its music as MIDI).
 *
 * <p>Command line: {@code WadMusicExtractor <wad> <output folder> [LUMP ...]} extracts the
 * named MIDI lumps (all of them when none is named) as {@code <wad>_<lump>.mid}.
 */
public final class WadMusicExtractor {

    /** Prefix of the names of music lumps. */
    public static final String MUSIC_PREFIX = "D_";

    private static final int HEADER_BYTES = 12;
    private static final int ENTRY_BYTES = 16;
    private static final int NAME_BYTES = 8;
    private static final Set<String> IDENTIFICATIONS = Set.of("IWAD", "PWAD");
    private static final byte[] MIDI_MAGIC = "MThd".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MUS_MAGIC = "MUS\u001a".getBytes(StandardCharsets.US_ASCII);

    /** The format of a music lump, from its first four bytes. */
    public enum Format {
        /** A standard MIDI file. */
        MIDI,
        /** id Software's MUS format. */
        MUS,
        /** Anything else. */
        UNKNOWN
    }

    /**
     * One directory entry.
     *
     * @param name the lump name, up to 8 ASCII characters
     * @param offset position of the content in the file
     * @param size content length in bytes
     */
    public record Lump(String name, int offset, int size) {

        /** Validates the entry. */
        public Lump {
            if (offset < 0 || size < 0) {
                throw new UserError("lump " + name + ": offset (" + offset
                        + ") and size (" + size + ") must be >= 0");
            }
        }
    }

    /**
     * A music lump with its detected format.
     *
     * @param lump the directory entry
     * @param format MIDI, MUS or unknown
     */
    public record MusicLump(Lump lump, Format format) {
    }

    private final Path wad;
    private final List<Lump> directory;

    private WadMusicExtractor(Path wad, List<Lump> directory) {
        this.wad = wad;
        this.directory = directory;
    }

    /**
     * Reads the directory of a WAD file.
     *
     * @param wad the WAD file
     * @return an extractor for it
     * @throws MusicDataException naming the file if it is missing or not a valid WAD
     */
    public static WadMusicExtractor open(Path wad) {
        try (FileChannel channel = FileChannel.open(wad, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer header = read(channel, 0, HEADER_BYTES, wad);
            String id = new String(header.array(), 0, 4, StandardCharsets.US_ASCII);
            if (!IDENTIFICATIONS.contains(id)) {
                throw MusicDataException.of(wad, "not a WAD file (bad header)");
            }
            int count = header.getInt(4);
            int directoryOffset = header.getInt(8);
            if (count < 0 || directoryOffset < HEADER_BYTES
                    || directoryOffset + (long) count * ENTRY_BYTES > fileSize) {
                throw MusicDataException.of(wad, "corrupt WAD directory (" + count
                        + " lumps at offset " + directoryOffset + ", file size " + fileSize + ")");
            }
            ByteBuffer entries = read(channel, directoryOffset, count * ENTRY_BYTES, wad);
            List<Lump> lumps = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int base = i * ENTRY_BYTES;
                int offset = entries.getInt(base);
                int size = entries.getInt(base + 4);
                String name = lumpName(entries.array(), base + 8);
                if (offset < 0 || size < 0 || (long) offset + size > fileSize) {
                    throw MusicDataException.of(wad, "corrupt WAD directory (lump " + name
                            + " lies outside the file)");
                }
                lumps.add(new Lump(name, offset, size));
            }
            return new WadMusicExtractor(wad, List.copyOf(lumps));
        } catch (NoSuchFileException e) {
            throw MusicDataException.of(wad, "file not found");
        } catch (IOException e) {
            throw MusicDataException.of(wad.toString(), "cannot read (" + e + ")", e);
        }
    }

    /** @return every lump of the directory, in file order */
    public List<Lump> lumps() {
        return directory;
    }

    /** @return the music lumps ({@code D_*}) with their formats, in file order */
    public List<MusicLump> musicLumps() {
        List<MusicLump> music = new ArrayList<>();
        for (Lump lump : directory) {
            if (lump.name().startsWith(MUSIC_PREFIX) && lump.size() > 0) {
                music.add(new MusicLump(lump, format(content(lump))));
            }
        }
        return music;
    }

    /**
     * @param lump a lump of this WAD
     * @return its content
     */
    public byte[] content(Lump lump) {
        try (FileChannel channel = FileChannel.open(wad, StandardOpenOption.READ)) {
            return read(channel, lump.offset(), lump.size(), wad).array();
        } catch (IOException e) {
            throw MusicDataException.of(wad.toString(), "cannot read lump " + lump.name()
                    + " (" + e + ")", e);
        }
    }

    /**
     * Writes MIDI music lumps to {@code <folder>/<wad name>_<lump name>.mid} (lower case).
     *
     * @param folder the output folder, created if needed
     * @param names the lumps to extract; all MIDI music lumps when empty
     * @return the files written, in directory order
     * @throws IllegalArgumentException if a named lump is missing or is not MIDI
     */
    public List<Path> extractMidi(Path folder, List<String> names) {
        Set<String> wanted = Set.copyOf(names.stream()
                .map(n -> n.toUpperCase(Locale.ROOT)).toList());
        String prefix = wad.getFileName().toString().replaceFirst("\\.[^.]*$", "")
                .toLowerCase(Locale.ROOT);
        List<Path> written = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (MusicLump music : musicLumps()) {
            String name = music.lump().name();
            if (!wanted.isEmpty() && !wanted.contains(name)) {
                continue;
            }
            if (music.format() != Format.MIDI) {
                if (!wanted.isEmpty()) {
                    throw new UserError(wad + ": lump " + name + " is "
                            + music.format() + ", only MIDI lumps can be extracted");
                }
                continue;
            }
            byte[] content = content(music.lump());
            Path target = folder.resolve(prefix + "_" + name.toLowerCase(Locale.ROOT) + ".mid");
            AtomicFiles.write(target, content);
            written.add(target);
            found.add(name);
        }
        for (String name : wanted) {
            if (!found.contains(name)) {
                throw new UserError(wad + ": no music lump named " + name);
            }
        }
        return written;
    }

    /**
     * @param content the first bytes of a lump (at least four to be recognised)
     * @return its music format
     */
    public static Format format(byte[] content) {
        if (startsWith(content, MIDI_MAGIC)) {
            return Format.MIDI;
        }
        return startsWith(content, MUS_MAGIC) ? Format.MUS : Format.UNKNOWN;
    }

    /**
     * Extracts MIDI music lumps from the command line.
     *
     * @param args {@code <wad> <output folder> [LUMP ...]}
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: WadMusicExtractor <wad> <output folder> [LUMP ...]");
            System.exit(2);
        }
        try {
            WadMusicExtractor extractor = open(Path.of(args[0]));
            List<String> names = List.of(args).subList(2, args.length);
            for (Path file : extractor.extractMidi(Path.of(args[1]), names)) {
                System.out.println(file);
            }
        } catch (IllegalArgumentException e) { // MusicDataException included
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length, Path wad)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw MusicDataException.of(wad, "truncated WAD file");
            }
        }
        return buffer;
    }

    private static String lumpName(byte[] bytes, int offset) {
        int length = 0;
        while (length < NAME_BYTES && bytes[offset + length] != 0) {
            length++;
        }
        return new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}

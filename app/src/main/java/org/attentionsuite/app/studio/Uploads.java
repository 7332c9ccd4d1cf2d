package org.attentionsuite.app.studio;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.image.data.DataFormat;
import org.attentionsuite.image.data.ImageFolderReader;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * Files the page uploads: pictures to complete and MIDI files to continue. Each is at most
 * {@value #MAX_BYTES} bytes and is read by the suite's own readers before it is kept (a picture's
 * header is checked before its pixels are decoded, {@link ImageFolderReader#decode}); a file they
 * refuse is answered with 400 and their message, and nothing is kept. Kept files are named
 * {@code upload-NNNN.EXT} in the studio's {@code uploads/} folder, where jobs find them by that name
 * and command lines name them by path.
 */
final class Uploads {
    /** Largest upload. */
    static final int MAX_BYTES = 16 << 20;
    /** Extensions of kept pictures. */
    private static final Map<String, String> PICTURES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "jpeg", "image/jpeg", "gif", "image/gif");
    /** Extensions of kept MIDI files. */
    private static final Map<String, String> MIDI = Map.of("mid", "audio/midi");

    /** What an upload is for. */
    enum Kind {
        PICTURE, MIDI
    }

    private final Path folder;
    private final Shelf pictures;
    private final Shelf songs;
    private final AtomicInteger next = new AtomicInteger(1);

    Uploads(Path folder) {
        this.folder = folder;
        this.pictures = new Shelf(folder, PICTURES);
        this.songs = new Shelf(folder, MIDI);
    }

    /**
     * Checks {@code bytes} with the suite's reader for {@code kind} and keeps them.
     *
     * @param fileName the name the user's file had: only its extension is used (PNG/JPEG/GIF)
     * @return the kept file's {@code name} and a {@code description} for the page
     * @throws Http.Refusal 400 with the reader's message when the file is refused
     */
    Map<String, Object> store(Kind kind, byte[] bytes, String fileName) throws IOException {
        Files.createDirectories(folder);
        String extension = kind == Kind.MIDI ? "mid" : pictureExtension(fileName);
        String name = String.format(Locale.ROOT, "upload-%04d.%s", next.getAndIncrement(), extension);
        Path file = folder.resolve(name);
        AtomicFiles.write(file, bytes);
        try {
            String description = kind == Kind.MIDI ? describeMidi(file) : describePicture(file);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", name);
            out.put("description", description);
            return out;
        } catch (UserError e) {
            Files.deleteIfExists(file);
            throw new Http.Refusal(400, (fileName.isBlank() ? "the file" : fileName) + ": "
                    + Jobs.oneLine(e).replace(file.toString() + ": ", ""));
        } catch (RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The kept picture {@code name}; 404 when there is none. */
    Path picture(String name) {
        return pictures.find(name).orElseThrow(() -> new Http.Refusal(404, "no uploaded picture '" + name + "'"));
    }

    /** The kept MIDI file {@code name}; 404 when there is none. */
    Path midi(String name) {
        return songs.find(name).orElseThrow(() -> new Http.Refusal(404, "no uploaded MIDI file '" + name + "'"));
    }

    private static String pictureExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return PICTURES.containsKey(ext) ? ext : "png";
    }

    private static String describePicture(Path file) {
        if (DataFormat.of(file) != DataFormat.IMAGE) {
            throw new UserError("not a PNG, JPEG or GIF picture");
        }
        BufferedImage image = ImageFolderReader.decode(file);
        return image.getWidth() + "x" + image.getHeight() + " picture";
    }

    private static String describeMidi(Path file) {
        NoteSequence notes = MidiReader.read(file);
        if (notes.isEmpty()) {
            throw new UserError("the MIDI file holds no notes to continue");
        }
        return String.format(Locale.ROOT, "%d notes, %.1f s", notes.size(), notes.totalSeconds());
    }
}

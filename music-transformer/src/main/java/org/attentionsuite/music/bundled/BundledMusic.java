package org.attentionsuite.music.bundled;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.PerformanceCorpus;

/**
 * The bundled default corpus: a few Freedoom songs stored as classpath resources in
 * {@value #RESOURCE_FOLDER}, listed by {@value #INDEX}, with their licence in {@value #LICENSE}.
 * Use it when no MIDI folder is given, for demos and smoke tests.
 */
public final class BundledMusic {

    /** Classpath folder of the bundled files. */
    public static final String RESOURCE_FOLDER = "/org/attentionsuite/music/bundled/";
    /** Name of the index resource: one MIDI file name per line, {@code #} starts a comment. */
    public static final String INDEX = "index.txt";
    /** Name of the licence resource. */
    public static final String LICENSE = "LICENSE-freedoom.txt";
    /** Name of the contributors resource the licence refers to. */
    public static final String CREDITS = "CREDITS-freedoom.txt";

    private BundledMusic() {
    }

    /** @return the bundled MIDI file names, in index order */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open(INDEX), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw MusicDataException.of(location(INDEX), "cannot read (" + e + ")", e);
        }
        return names;
    }

    /**
     * @param name a name from {@link #names()}
     * @return the notes of that song
     */
    public static NoteSequence read(String name) {
        try (InputStream in = open(name)) {
            return MidiReader.read(in, location(name));
        } catch (IOException e) {
            throw MusicDataException.of(location(name), "cannot read (" + e + ")", e);
        }
    }

    /** @return every bundled song encoded as performance events, in index order */
    public static PerformanceCorpus load() {
        List<PerformanceCorpus.Piece> pieces = new ArrayList<>();
        for (String name : names()) {
            pieces.add(PerformanceCorpus.Piece.encode(location(name), read(name)));
        }
        return PerformanceCorpus.of(pieces, 0);
    }

    /** @return the text of the Freedoom licence that covers the bundled songs */
    public static String license() {
        try (InputStream in = open(LICENSE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MusicDataException.of(location(LICENSE), "cannot read (" + e + ")", e);
        }
    }

    /**
     * Copies the songs, the licence and the credits into a folder, e.g. to train from files.
     *
     * @param folder the target folder, created if needed
     * @return the MIDI files written, in index order
     */
    public static List<Path> copyTo(Path folder) {
        List<Path> written = new ArrayList<>();
        List<String> files = new ArrayList<>(names());
        int songs = files.size();
        files.add(LICENSE);
        files.add(CREDITS);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i);
            Path target = folder.resolve(name);
            AtomicFiles.write(target, out -> {
                try (InputStream in = open(name)) {
                    in.transferTo(out);
                }
            });
            if (i < songs) {
                written.add(target);
            }
        }
        return written;
    }

    private static InputStream open(String name) {
        if (name.contains("/") || name.contains("\\")) {
            throw new UserError("bundled name " + name + " must be a plain file name");
        }
        InputStream in = BundledMusic.class.getResourceAsStream(RESOURCE_FOLDER + name);
        if (in == null) {
            throw new MusicDataException(location(name) + ": bundled resource missing");
        }
        return in;
    }

    private static String location(String name) {
        return "classpath:" + RESOURCE_FOLDER + name;
    }
}

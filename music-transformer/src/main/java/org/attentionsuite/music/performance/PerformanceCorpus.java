package org.attentionsuite.music.performance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.train.Windows;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.NoteSequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of MIDI pieces encoded as performance events, with random crops for training.
 *
 * <p>Each piece's events are {@link PerformanceEncoder#encode} of its notes followed by one
 * {@link PerformanceVocabulary#EOS}. A crop of {@code length} events is drawn uniformly over all
 * windows of the corpus (a piece shorter than {@code length} counts as one window, padded with
 * {@link PerformanceVocabulary#PAD} after its EOS).
 */
public final class PerformanceCorpus {

    private static final Logger LOG = LoggerFactory.getLogger(PerformanceCorpus.class);

    /**
     * One encoded piece.
     *
     * @param name where it came from (file path or resource name)
     * @param notes its notes
     * @param events its performance events ending with EOS (copied in and out)
     */
    public record Piece(String name, NoteSequence notes, int[] events) {

        /** Validates and copies the events. */
        public Piece {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(notes, "notes");
            events = events.clone();
            if (events.length == 0 || events[events.length - 1] != PerformanceVocabulary.EOS) {
                throw new UserError(name + ": events must end with EOS");
            }
        }

        /**
         * Encodes the notes of a piece.
         *
         * @param name where it came from
         * @param notes its notes
         * @return the piece, events = encoding + EOS
         */
        public static Piece encode(String name, NoteSequence notes) {
            return new Piece(name, notes, withEos(PerformanceEncoder.encode(notes)));
        }

        /** @return a copy of the events */
        @Override
        public int[] events() {
            return events.clone();
        }

        /** @return the number of events, EOS included */
        public int length() {
            return events.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Piece that && name.equals(that.name)
                    && notes.equals(that.notes) && Arrays.equals(events, that.events);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, notes, Arrays.hashCode(events));
        }

        @Override
        public String toString() {
            return "Piece[" + name + ", " + notes.size() + " notes, " + events.length + " events]";
        }
    }

    /**
     * What loading produced.
     *
     * @param loaded pieces loaded
     * @param skipped files skipped because they were unusable
     * @param totalEvents events of all loaded pieces, one EOS per piece included
     */
    public record Summary(int loaded, int skipped, long totalEvents) {

        /** Validates the counts. */
        public Summary {
            if (loaded < 0 || skipped < 0 || totalEvents < 0) {
                throw new UserError("counts must be >= 0: loaded " + loaded
                        + ", skipped " + skipped + ", totalEvents " + totalEvents);
            }
        }
    }

    private final List<Piece> pieces;
    private final int[][] events;           // per piece, shared with no one
    private final java.util.Map<Integer, Windows.Sampler> samplers = new java.util.HashMap<>();
    private final Summary summary;

    private PerformanceCorpus(List<Piece> pieces, int skipped) {
        this.pieces = List.copyOf(pieces);
        this.events = new int[pieces.size()][];
        long total = 0;
        for (int i = 0; i < pieces.size(); i++) {
            events[i] = pieces.get(i).events();
            total += events[i].length;
        }
        this.summary = new Summary(pieces.size(), skipped, total);
    }

    /**
     * Builds a corpus from pieces already in memory.
     *
     * @param pieces at least one piece
     * @param skipped how many inputs were skipped before, for the summary
     * @return the corpus
     */
    public static PerformanceCorpus of(List<Piece> pieces, int skipped) {
        if (pieces.isEmpty()) {
            throw new UserError("a corpus needs at least one piece");
        }
        return new PerformanceCorpus(pieces, skipped);
    }

    /**
     * Loads every {@code .mid} / {@code .midi} file (any letter case) under a folder,
     * recursively, in path order, logging one warning per unusable file through slf4j.
     *
     * @param folder the folder
     * @return the corpus
     * @throws MusicDataException naming the folder if it is missing or has no usable file
     */
    public static PerformanceCorpus load(Path folder) {
        return load(folder, LOG::warn);
    }

    /**
     * Loads every {@code .mid} / {@code .midi} file (any letter case) under a folder,
     * recursively, in path order. Each unusable file is skipped and reported as one line.
     *
     * @param folder the folder
     * @param warnings receives one line per skipped file
     * @return the corpus
     * @throws MusicDataException naming the folder if it is missing or has no usable file
     */
    public static PerformanceCorpus load(Path folder, Consumer<String> warnings) {
        List<Path> files = midiFiles(folder);
        if (files.isEmpty()) {
            throw MusicDataException.of(folder, "no .mid or .midi files found");
        }
        List<Piece> pieces = new ArrayList<>();
        int skipped = 0;
        for (Path file : files) {
            try {
                pieces.add(Piece.encode(file.toString(), MidiReader.read(file)));
            } catch (UserError e) {
                warnings.accept("skipped " + e.getMessage());
                skipped++;
            } catch (IllegalArgumentException e) {
                warnings.accept("skipped " + file + ": cannot encode (" + e.getMessage() + ")");
                skipped++;
            }
        }
        if (pieces.isEmpty()) {
            throw MusicDataException.of(folder,
                    "none of the " + files.size() + " MIDI files could be used");
        }
        return new PerformanceCorpus(pieces, skipped);
    }

    /** @return the pieces in load order */
    public List<Piece> pieces() {
        return pieces;
    }

    /** @return counts of loaded and skipped files and of events */
    public Summary summary() {
        return summary;
    }

    /**
     * A crop of exactly {@code length} events, uniform over all windows of the corpus.
     *
     * @param length events per crop, at least 1
     * @param random the source of randomness
     * @return the crop, PAD-filled after EOS if the piece is shorter
     */
    public int[] randomCrop(int length, Random random) {
        requirePositive("crop length", length);
        int piece = drawPiece(length, random);
        return crop(events[piece], length, random);
    }

    /**
     * A crop of exactly {@code length} events from a freshly augmented piece: the piece is drawn
     * as in {@link #randomCrop(int, Random)}, augmented, re-encoded, then cropped uniformly.
     *
     * @param length events per crop, at least 1
     * @param random the source of randomness
     * @param augmentation the augmentation to apply to the notes before encoding
     * @return the crop, PAD-filled after EOS if the piece is shorter
     */
    public int[] randomCrop(int length, Random random, Augmentation augmentation) {
        requirePositive("crop length", length);
        int piece = drawPiece(length, random);
        NoteSequence augmented = augmentation.apply(pieces.get(piece).notes(), random);
        return crop(withEos(PerformanceEncoder.encode(augmented)), length, random);
    }

    /**
     * @param batchSize number of crops, at least 1
     * @param length events per crop, at least 1
     * @param random the source of randomness
     * @return {@code batchSize} crops of {@link #randomCrop(int, Random)}
     */
    public int[][] randomBatch(int batchSize, int length, Random random) {
        requirePositive("batch size", batchSize);
        int[][] batch = new int[batchSize][];
        for (int b = 0; b < batchSize; b++) {
            batch[b] = randomCrop(length, random);
        }
        return batch;
    }

    /** Pieces in proportion to their number of crops of {@code length} ({@link Windows.Sampler}). */
    private int drawPiece(int length, Random random) {
        return sampler(length).pickSequence(random);
    }

    private Windows.Sampler sampler(int length) {
        Windows.Sampler s = samplers.get(length);
        if (s == null) {
            int[] lengths = new int[events.length];
            for (int i = 0; i < events.length; i++) {
                lengths[i] = events[i].length;
            }
            s = new Windows.Sampler(lengths, length, 1);
            samplers.put(length, s);
        }
        return s;
    }

    /** {@code length} events from a uniform start, PAD-filled when the source is shorter. */
    private int[] crop(int[] source, int length, Random random) {
        int start = sampler(length).pickStart(source.length, random);
        int[] out = new int[length];
        int n = Math.min(length, source.length - start);
        System.arraycopy(source, start, out, 0, n);
        Arrays.fill(out, n, length, PerformanceVocabulary.PAD);
        return out;
    }

    private static int[] withEos(int[] encoded) {
        int[] out = Arrays.copyOf(encoded, encoded.length + 1);
        out[encoded.length] = PerformanceVocabulary.EOS;
        return out;
    }

    private static List<Path> midiFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw MusicDataException.of(folder,
                    Files.exists(folder) ? "not a folder" : "folder not found");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p))                  // a FIFO or device is skipped with a warning
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".mid") || name.endsWith(".midi");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw MusicDataException.of(folder.toString(), "cannot list files (" + e + ")", e);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new UserError(name + " (" + value + ") must be >= 1");
        }
    }
}

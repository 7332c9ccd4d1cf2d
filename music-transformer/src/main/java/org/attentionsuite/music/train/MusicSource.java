package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.attentionsuite.core.UserError;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.chorale.ChoraleDataset;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;

/**
 * Where the training music comes from: performances (the bundled Freedoom songs, MIDI folders, or
 * several of them together) or JSB chorales (the bundled copy or a {@code Jsb16thSeparated.json}).
 */
public sealed interface MusicSource permits MusicSource.Performances, MusicSource.Chorales,
        MusicSource.BundledChorales {

    /** The {@code --data} / {@code --chorales} value meaning the copy shipped in the jar. */
    String BUNDLED = "bundled";

    /** The vocabulary this source is encoded in. */
    MusicEncoding encoding();

    /**
     * Loads and splits the data into windows of {@code length} tokens, {@code batch} per batch;
     * unusable files are reported to {@code warnings}, one line each. Performances are split by
     * {@code split} (its test pieces left out); chorales come split.
     */
    MusicData open(int length, int batch, PieceSplit split, Consumer<String> warnings);

    /** The pieces of a performance source, unsplit (for evaluation and for combining sources). */
    default PerformanceCorpus corpus(Consumer<String> warnings) {
        throw new UserError(this + " holds chorales, not MIDI performances");
    }

    /**
     * MIDI performances, as performance events with the paper's augmentation, split by pieces; the
     * source names itself in errors by its {@code --data} value.
     */
    sealed interface Performances extends MusicSource permits Bundled, MidiFolder, Combined {
        @Override
        default MusicEncoding encoding() {
            return MusicEncoding.PERFORMANCE;
        }

        @Override
        default MusicData open(int length, int batch, PieceSplit split, Consumer<String> warnings) {
            return PerformanceData.of(corpus(warnings), split, length, batch, Augmentation.paper(), this);
        }

        @Override
        PerformanceCorpus corpus(Consumer<String> warnings);
    }

    /** The bundled Freedoom songs. */
    record Bundled() implements Performances {
        @Override
        public PerformanceCorpus corpus(Consumer<String> warnings) {
            return BundledMusic.load();
        }

        @Override
        public String toString() {
            return BUNDLED;
        }
    }

    /** A folder of {@code .mid}/{@code .midi} files (recursive). */
    record MidiFolder(Path folder) implements Performances {
        public MidiFolder {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public PerformanceCorpus corpus(Consumer<String> warnings) {
            return PerformanceCorpus.load(folder, warnings);
        }

        @Override
        public String toString() {
            return folder.toString();
        }
    }

    /**
     * Several performance sources as one corpus, pieces in the order of the sources; 10% of all
     * the pieces are held out, spread over the whole list.
     */
    record Combined(List<MusicSource> sources) implements Performances {
        public Combined {
            sources = List.copyOf(sources);
            if (sources.size() < 2) {
                throw new IllegalArgumentException("combine at least two sources");
            }
        }

        @Override
        public PerformanceCorpus corpus(Consumer<String> warnings) {
            List<PerformanceCorpus.Piece> pieces = new ArrayList<>();
            int skipped = 0;
            for (MusicSource s : sources) {
                PerformanceCorpus c = s.corpus(warnings);
                pieces.addAll(c.pieces());
                skipped += c.summary().skipped();
            }
            return PerformanceCorpus.of(pieces, skipped);
        }

        @Override
        public String toString() {
            return sources.stream().map(Object::toString).collect(Collectors.joining(","));
        }
    }

    /** Coconet's {@code Jsb16thSeparated.json}, serialized SATB per 16th note. */
    record Chorales(Path json) implements MusicSource {
        public Chorales {
            Objects.requireNonNull(json, "json");
        }

        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.CHORALE;
        }

        @Override
        public MusicData open(int length, int batch, PieceSplit split, Consumer<String> warnings) {
            return ChoraleData.load(json, length, batch);
        }

        @Override
        public String toString() {
            return "chorales " + json;
        }
    }

    /** The JSB chorales bundled in the jar (public domain, Coconet's 16th-note edition). */
    record BundledChorales() implements MusicSource {
        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.CHORALE;
        }

        @Override
        public MusicData open(int length, int batch, PieceSplit split, Consumer<String> warnings) {
            return ChoraleData.of(ChoraleDataset.bundled(), length, batch, "bundled chorales");
        }

        @Override
        public String toString() {
            return "chorales bundled";
        }
    }

    /** The chorale data set of a chorale source. */
    static ChoraleDataset choraleDataset(MusicSource s) {
        if (s instanceof BundledChorales) {
            return ChoraleDataset.bundled();
        }
        if (s instanceof Chorales c) {
            return ChoraleDataset.load(c.json());
        }
        throw new UserError(s + " holds performances, not chorales");
    }

    /**
     * The {@code --data} value of the command line: {@code "bundled"}, a MIDI folder, or several of
     * them separated by commas; {@code option} names it in errors. Sources that overlap (one named
     * twice, a folder inside another) are refused: copies of held-out pieces would train.
     */
    static MusicSource ofData(String data, String option) {
        if (data == null || data.isBlank()) {
            return new Bundled();
        }
        List<MusicSource> parts = new ArrayList<>();
        for (String p : data.split(",")) {
            if (!p.isBlank()) {
                MusicSource part = p.strip().equals(BUNDLED) ? new Bundled() : new MidiFolder(Path.of(p.strip()));
                for (MusicSource earlier : parts) {
                    refuseOverlap(earlier, part, option);
                }
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new UserError("'" + data + "' names no MIDI folder; give 'bundled' or folders separated by commas");
        }
        return parts.size() == 1 ? parts.get(0) : new Combined(parts);
    }

    private static void refuseOverlap(MusicSource a, MusicSource b, String option) {
        String overlap = null;
        if (a instanceof Bundled && b instanceof Bundled) {
            overlap = BUNDLED + " twice";
        } else if (a instanceof MidiFolder fa && b instanceof MidiFolder fb) {
            Path pa = fa.folder().toAbsolutePath().normalize();
            Path pb = fb.folder().toAbsolutePath().normalize();
            overlap = pa.equals(pb) ? fa.folder() + " twice"
                    : pb.startsWith(pa) ? fb.folder() + " inside " + fa.folder()
                    : pa.startsWith(pb) ? fa.folder() + " inside " + fb.folder() : null;
        }
        if (overlap != null) {
            throw new UserError(option + " names " + overlap + ": its pieces would be held out and trained on at once");
        }
    }

    /** The {@code --chorales} value: {@code "bundled"} or the path of {@code Jsb16thSeparated.json}. */
    static MusicSource ofChorales(String value) {
        return value == null || value.strip().equals(BUNDLED) ? new BundledChorales()
                : new Chorales(Path.of(value.strip()));
    }
}

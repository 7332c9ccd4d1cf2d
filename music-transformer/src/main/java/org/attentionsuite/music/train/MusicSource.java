package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.attentionsuite.music.performance.Augmentation;

/** Where the training music comes from. */
public sealed interface MusicSource permits MusicSource.Bundled, MusicSource.MidiFolder, MusicSource.Chorales {

    /** The vocabulary this source is encoded in. */
    MusicEncoding encoding();

    /**
     * Loads and splits the data into windows of {@code length} tokens, {@code batch} per batch;
     * unusable files are reported to {@code warnings}, one line each.
     */
    MusicData open(int length, int batch, Consumer<String> warnings);

    /** The bundled Freedoom songs, as performance events with the paper's augmentation. */
    record Bundled() implements MusicSource {
        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.PERFORMANCE;
        }

        @Override
        public MusicData open(int length, int batch, Consumer<String> warnings) {
            return PerformanceData.bundled(length, batch, Augmentation.paper());
        }

        @Override
        public String toString() {
            return "bundled";
        }
    }

    /** A folder of {@code .mid}/{@code .midi} files (recursive), as augmented performance events. */
    record MidiFolder(Path folder) implements MusicSource {
        public MidiFolder {
            Objects.requireNonNull(folder, "folder");
        }

        @Override
        public MusicEncoding encoding() {
            return MusicEncoding.PERFORMANCE;
        }

        @Override
        public MusicData open(int length, int batch, Consumer<String> warnings) {
            return PerformanceData.folder(folder, length, batch, Augmentation.paper(), warnings);
        }

        @Override
        public String toString() {
            return folder.toString();
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
        public MusicData open(int length, int batch, Consumer<String> warnings) {
            return ChoraleData.load(json, length, batch);
        }

        @Override
        public String toString() {
            return "chorales " + json;
        }
    }

    /** {@code "bundled"} or a MIDI folder: the {@code --data} value of the command line. */
    static MusicSource ofData(String data) {
        return data == null || data.equals("bundled") ? new Bundled() : new MidiFolder(Path.of(data));
    }
}

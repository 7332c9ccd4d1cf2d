package org.attentionsuite.music.bundled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.performance.PerformanceEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledMusicTest {

    @TempDir
    Path dir;

    @Test
    void bundledCorpusLoadsWithManyEvents() {
        List<String> names = BundledMusic.names();
        assertEquals(8, names.size(), names.toString());
        PerformanceCorpus corpus = BundledMusic.load();
        assertEquals(names.size(), corpus.summary().loaded());
        assertEquals(0, corpus.summary().skipped());
        assertTrue(corpus.summary().totalEvents() > 20_000, corpus.summary().toString());
        for (PerformanceCorpus.Piece piece : corpus.pieces()) {
            assertTrue(piece.length() > 500, piece.name() + " has " + piece.length() + " events");
        }
    }

    @Test
    void licenceTravelsWithTheSongs() throws IOException {
        assertTrue(BundledMusic.license().contains("Contributors to the Freedoom project"));
        assertTrue(BundledMusic.license().contains("Redistribution and use in source and binary forms"));
        List<Path> copied = BundledMusic.copyTo(dir);
        assertEquals(BundledMusic.names().size(), copied.size());
        assertTrue(Files.isRegularFile(dir.resolve(BundledMusic.LICENSE)));
        assertTrue(Files.isRegularFile(dir.resolve(BundledMusic.CREDITS)));
        // the copied files and the classpath resources give the same notes
        PerformanceCorpus fromFiles = PerformanceCorpus.load(dir);
        assertEquals(BundledMusic.load().summary().totalEvents(), fromFiles.summary().totalEvents());
        String first = BundledMusic.names().get(0);
        assertArrayEquals(PerformanceEncoder.encode(BundledMusic.read(first)),
                PerformanceEncoder.encode(org.attentionsuite.music.midi.MidiReader.read(dir.resolve(first))));
    }
}

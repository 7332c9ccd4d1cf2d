package org.attentionsuite.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint loader, a parser of files users hand the suite, under mutation: every input loads
 * or gives the one-line checkpoint error; never another exception, never a hang. (The long run is
 * {@code ./suite fuzz checkpoint --inputs N}.)
 */
class CheckpointFuzzTest {
    @Test
    void everyMutantLoadsOrIsRefusedWithOneLine(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = CheckpointFuzzTarget.seeds(dir.resolve("seeds"));
        for (byte[] seed : seeds) {
            assertTrue(seed.length < Mutator.MAX_INPUT_BYTES, "seed of " + seed.length + " bytes");
        }
        FuzzOptions options = new FuzzOptions(2000, 3, Duration.ofSeconds(5), 6, dir.resolve("findings"), 1);
        FuzzReport report = Fuzzer.run(new CheckpointFuzzTarget(dir.resolve("scratch")), new Mutator(seeds), options,
                line -> { });
        assertEquals(List.of(), report.findings());
        assertTrue(report.rejected() > 1000, report.toString());
    }

    @Test
    void everySealedMetadataMutantLoadsOrIsRefusedWithOneLine(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = CheckpointFuzzTarget.seeds(dir.resolve("seeds"));
        CheckpointFuzzTarget.Sealed target = new CheckpointFuzzTarget.Sealed(dir.resolve("scratch"), seeds);
        for (byte[] meta : CheckpointFuzzTarget.metadata(seeds)) {
            assertDoesNotThrow(() -> target.run(meta), "an unmutated seed, sealed, loads");
        }
        FuzzOptions options = new FuzzOptions(2000, 4, Duration.ofSeconds(5), 4, dir.resolve("findings"), 1);
        FuzzReport report = Fuzzer.run(target, new Mutator(CheckpointFuzzTarget.metadata(seeds)), options,
                line -> { });
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 20 && report.rejected() > 200, "mutants reach past the checksums: " + report);
    }

    /** Findings of the first sealed run, each fixed: refused with one line, not a RuntimeException. */
    @Test
    void invalidValuesAndMalformedJsonBehindValidChecksumsGiveOneLine(@TempDir Path dir) throws IOException {
        List<byte[]> seeds = CheckpointFuzzTarget.seeds(dir.resolve("seeds"));
        CheckpointFuzzTarget.Sealed target = new CheckpointFuzzTarget.Sealed(dir.resolve("scratch"), seeds);
        String meta = new String(CheckpointFuzzTarget.metadata(seeds).get(1), StandardCharsets.UTF_8);
        assertTrue(meta.contains("\"vocabSize\": 9,"), meta);
        for (String bad : List.of(meta.replace("\"vocabSize\": 9,", "\"vocabSize\": 0,"),
                meta.replace("\"dModel\": 4,", "\"dModel\": -4,"),
                meta.replaceFirst("\"type\"", "\"type\" \"x\""))) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> target.run(bad.getBytes(StandardCharsets.UTF_8)));
            assertTrue(target.isRejection(e), e.getMessage());
            assertTrue(e.getMessage().contains("damaged or not a checkpoint") && !e.getMessage().contains("\n"),
                    e.getMessage());
        }
    }
}

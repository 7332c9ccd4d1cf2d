package org.attentionsuite.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
}

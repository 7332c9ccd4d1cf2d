package org.attentionsuite.image.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.FuzzTarget;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutator;
import org.attentionsuite.image.data.ImageFolderReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short fuzzing campaigns of the image decoders (the long ones are {@code ./suite fuzz images},
 * recorded in experiments/README.md): mutants of {@link ImageSeedCorpus} as stored, and mutants
 * gzipped after mutation (valid gzip around bad content), must be read or refused with one line
 * naming the file, within time and memory.
 */
class ImageFuzzTargetTest {

    @TempDir
    Path dir;

    private FuzzReport fuzz(FuzzTarget target, long inputs, long seed) {
        FuzzOptions options = new FuzzOptions(inputs, seed, Duration.ofSeconds(5), 4, dir.resolve("findings"), 1);
        return Fuzzer.run(target, new Mutator(ImageSeedCorpus.files()), options, line -> { });
    }

    @Test
    void theSeedsAreReadOrRefusedAsTheySay() {
        ImageFuzzTarget target = new ImageFuzzTarget(dir);
        List<byte[]> seeds = ImageSeedCorpus.files();
        int hostile = 5;                                              // the last five: refused
        for (int i = 0; i < seeds.size(); i++) {
            byte[] seed = seeds.get(i);
            if (i < seeds.size() - hostile) {
                assertDoesNotThrow(() -> target.run(seed), "seed " + i);
            } else {
                UserError e = assertThrows(UserError.class, () -> target.run(seed), "seed " + i);
                assertTrue(target.isRejection(e), "seed " + i + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aPictureMayTakeWhatItsPixelCapAllowsAndDataFilesTheDefault() {
        ImageFuzzTarget target = new ImageFuzzTarget(dir);
        List<byte[]> seeds = ImageSeedCorpus.files();
        assertEquals(16 * ImageFolderReader.MAX_PIXELS, target.maxAllocatedBytes(seeds.get(0)));    // a PNG
        assertEquals(256L << 20, target.maxAllocatedBytes(ImageSeedCorpus.cifar(1)));
    }

    @Test
    void aShortCampaignFindsNothing() {
        FuzzReport report = fuzz(new ImageFuzzTarget(dir.resolve("scratch")), 3000, 11);
        assertEquals(List.of(), report.findings());
        // the mutants must exercise both outcomes, or the invariant is tested on nothing
        assertTrue(report.accepted() > 300 && report.rejected() > 1000, report.toString());
    }

    @Test
    void mutantsInAValidGzipFindNothing() {
        ImageFuzzTarget reader = new ImageFuzzTarget(dir.resolve("scratch"));
        FuzzTarget gzipped = new FuzzTarget() {
            @Override
            public void run(byte[] input) throws Exception {
                reader.run(ImageSeedCorpus.gzip(input));
            }

            @Override
            public boolean isRejection(Throwable thrown) {
                return reader.isRejection(thrown);
            }
        };
        FuzzReport report = fuzz(gzipped, 1500, 12);
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 40 && report.rejected() > 500, report.toString());
    }
}

package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.FuzzTarget;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutator;
import org.attentionsuite.image.ImageDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short fuzzing run of the IDX and CIFAR-10 readers: mutants of small files written here must
 * be read or rejected with one {@link ImageDataException} line naming the source.
 */
class ImageReaderFuzzTest {

    private static final String NAME = "fuzz-input";

    @TempDir
    Path dir;

    /** The reader under test, and the invariant shared by both. */
    private abstract static class ReaderTarget implements FuzzTarget {
        @Override
        public boolean isRejection(Throwable thrown) {
            return thrown instanceof ImageDataException && thrown.getMessage() != null
                    && thrown.getMessage().startsWith(NAME + ": ")
                    && thrown.getMessage().indexOf('\n') < 0;
        }
    }

    private static byte[] idxImages(int count, int rows, int columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, IdxReader.IMAGES_MAGIC);
        writeInt(out, count);
        writeInt(out, rows);
        writeInt(out, columns);
        for (int i = 0; i < count * rows * columns; i++) {
            out.write((i * 37) & 0xFF);
        }
        return out.toByteArray();
    }

    private static byte[] idxLabels(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, IdxReader.LABELS_MAGIC);
        writeInt(out, count);
        for (int i = 0; i < count; i++) {
            out.write(i % 10);
        }
        return out.toByteArray();
    }

    private static byte[] cifar(int records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int r = 0; r < records; r++) {
            out.write(r % 10);
            for (int i = 0; i < 3 * Cifar10Reader.PLANE_BYTES; i++) {
                out.write((i * 13 + r) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private FuzzReport fuzz(FuzzTarget target, List<byte[]> seeds, long inputs) {
        FuzzOptions options = new FuzzOptions(inputs, 11, Duration.ofSeconds(5), 4,
                dir.resolve("findings"), 1);
        return Fuzzer.run(target, new Mutator(seeds), options, line -> { });
    }

    @Test
    void idxImagesAreReadOrRejectedWithOneLine() throws IOException {
        List<byte[]> seeds = new ArrayList<>(List.of(idxImages(3, 4, 5), idxImages(1, 28, 28),
                gzip(idxImages(2, 6, 6))));
        FuzzReport report = fuzz(new ReaderTarget() {
            @Override
            public void run(byte[] input) {
                IdxReader.readImages(new ByteArrayInputStream(input), NAME);
            }
        }, seeds, 1500);
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 50 && report.rejected() > 500, report.toString());
    }

    @Test
    void idxLabelsAreReadOrRejectedWithOneLine() throws IOException {
        List<byte[]> seeds = List.of(idxLabels(10), gzip(idxLabels(25)));
        FuzzReport report = fuzz(new ReaderTarget() {
            @Override
            public void run(byte[] input) {
                IdxReader.readLabels(new ByteArrayInputStream(input), NAME);
            }
        }, seeds, 1500);
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 50 && report.rejected() > 500, report.toString());
    }

    @Test
    void cifarBatchesAreReadOrRejectedWithOneLine() throws IOException {
        List<byte[]> seeds = List.of(cifar(1), cifar(2), gzip(cifar(1)));
        FuzzReport report = fuzz(new ReaderTarget() {
            @Override
            public void run(byte[] input) {
                Cifar10Reader.read(new ByteArrayInputStream(input), NAME);
            }
        }, seeds, 1500);
        assertEquals(List.of(), report.findings());
        assertTrue(report.accepted() > 50 && report.rejected() > 50, report.toString());
    }
}

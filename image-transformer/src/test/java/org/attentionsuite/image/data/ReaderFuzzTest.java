package org.attentionsuite.image.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.attentionsuite.image.ImageDataException;
import org.junit.jupiter.api.Test;

/**
 * Cheap fuzzing of the binary readers ({@link IdxReader}, {@link Cifar10Reader}): seeded random
 * mutations (bit flips, truncation, appended bytes, deleted slices, header fields set to extreme
 * values) of small valid files, raw, gzipped after mutation (valid gzip, bad content) or gzipped
 * before it (corrupt gzip).
 *
 * <p>Invariant: every input either decodes or throws an {@link ImageDataException} with one line
 * naming the source; never another exception or error, never more than {@link #ALLOCATION_LIMIT}
 * bytes allocated for an input of a few kilobytes (a header announcing 2^30 labels must be refused
 * or read incrementally, not allocated up front), and the whole run finishes in seconds. A raw
 * input that decodes must have exactly the length its header (or its record count) implies.
 */
class ReaderFuzzTest {
    private static final long SEED = 0x5eed_f022L;
    private static final int CASES = 4000;
    private static final long ALLOCATION_LIMIT = 64L << 20;
    /** Values written into header fields: zero, one, signs, and sizes from 64 KiB to 2^31 − 1. */
    private static final int[] EXTREMES = {0, 1, 2, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 8,
        1 << 16, 1 << 20, 1 << 24, 1 << 27, 1 << 30, 65_536 * 3};

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A reader under test and the length a raw input must have if it decodes. */
    private record Target(String name, byte[] valid, int headerBytes, Function<byte[], Object> decode,
            Function<Object, Long> impliedLength) {
    }

    /** 3 IDX images of 5x4, intensities 0..59. */
    static byte[] idxImages() {
        ByteBuffer b = ByteBuffer.allocate(16 + 60).putInt(IdxReader.IMAGES_MAGIC).putInt(3).putInt(5).putInt(4);
        for (int i = 0; i < 60; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    /** 3 IDX labels 7, 0, 9. */
    static byte[] idxLabels() {
        return ByteBuffer.allocate(11).putInt(IdxReader.LABELS_MAGIC).putInt(3).put((byte) 7).put((byte) 0)
                .put((byte) 9).array();
    }

    /** 2 CIFAR-10 records, labels 3 and 8, plane bytes counting up. */
    static byte[] cifar() {
        byte[] bytes = new byte[2 * Cifar10Reader.RECORD_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        bytes[0] = 3;
        bytes[Cifar10Reader.RECORD_BYTES] = 8;
        return bytes;
    }

    private static List<Target> targets() {
        return List.of(
                new Target("idx-images", idxImages(), 16, b -> IdxReader.readImages(new ByteArrayInputStream(b), "fuzz"),
                        r -> 16L + ((ImageSet) r).pixels().length),
                new Target("idx-labels", idxLabels(), 8, b -> IdxReader.readLabels(new ByteArrayInputStream(b), "fuzz"),
                        r -> 8L + ((int[]) r).length),
                new Target("cifar", cifar(), 1, b -> Cifar10Reader.read(new ByteArrayInputStream(b), "fuzz"),
                        r -> (long) ((ImageSet) r).count() * Cifar10Reader.RECORD_BYTES));
    }

    @Test
    void mutatedFilesDecodeOrFailWithOneLineAndBoundedMemory() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        THREADS.setThreadAllocatedMemoryEnabled(true);
        Map<String, String> failures = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Map<String, String> found = new LinkedHashMap<>();
            Random random = new Random(SEED);
            for (Target target : targets()) {
                for (int n = 0; n < CASES; n++) {
                    fuzzOne(target, n, random, found);
                }
            }
            return found;
        });
        assertTrue(failures.isEmpty(), failures.size() + " kinds of failure:\n" + String.join("\n", failures.values()));
    }

    /** Mutates the target's valid file once, decodes it, and records a broken invariant under a short key. */
    private static void fuzzOne(Target target, int n, Random random, Map<String, String> found) {
        int mode = random.nextInt(3);                         // 0 raw, 1 mutate then gzip, 2 gzip then mutate
        List<String> steps = new ArrayList<>();
        byte[] bytes = mode == 2 ? gzip(target.valid()) : target.valid().clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            bytes = mutate(bytes, mode == 2 ? 0 : target.headerBytes(), random, steps);
        }
        if (mode == 1) {
            bytes = gzip(bytes);
        }
        String where = target.name() + " case " + n + " (" + new String[] {"raw", "gzipped after", "gzipped before"}[mode]
                + ": " + String.join(", ", steps) + ")";
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Object result = null;
        Throwable thrown = null;
        try {
            result = target.decode().apply(bytes);
        } catch (Throwable t) {                               // errors too: OutOfMemoryError is a finding
            thrown = t;
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        if (allocated > ALLOCATION_LIMIT) {
            found.putIfAbsent(target.name() + " allocation", where + ": allocated " + (allocated >> 20)
                    + " MiB for " + bytes.length + " input bytes");
        }
        if (thrown instanceof ImageDataException e) {
            String m = e.getMessage();
            if (m.contains("\n") || !m.startsWith("fuzz: ")) {
                found.putIfAbsent(target.name() + " message", where + ": message '" + m + "'");
            }
        } else if (thrown != null) {
            found.putIfAbsent(target.name() + " " + thrown.getClass().getName(), where + ": " + thrown
                    + (thrown.getStackTrace().length > 0 ? " at " + thrown.getStackTrace()[0] : ""));
        } else if (mode == 0 && target.impliedLength().apply(result) != bytes.length) {
            found.putIfAbsent(target.name() + " length", where + ": decoded although " + bytes.length
                    + " bytes do not match the header's " + target.impliedLength().apply(result));
        }
    }

    private static byte[] mutate(byte[] bytes, int headerBytes, Random random, List<String> steps) {
        switch (random.nextInt(5)) {
            case 0 -> {
                byte[] out = bytes.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    int at = random.nextInt(out.length);
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
                steps.add(flips + " bit flips");
                return out;
            }
            case 1 -> {
                int length = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                steps.add("truncated to " + length);
                return Arrays.copyOf(bytes, length);
            }
            case 2 -> {
                byte[] extra = new byte[1 + random.nextInt(64)];
                random.nextBytes(extra);
                steps.add(extra.length + " bytes appended");
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(bytes);
                out.writeBytes(extra);
                return out.toByteArray();
            }
            case 3 -> {
                if (bytes.length < 2) {
                    return bytes;
                }
                int from = random.nextInt(bytes.length - 1);
                int to = from + 1 + random.nextInt(Math.min(64, bytes.length - from - 1) + 1) - 1;
                steps.add("bytes " + from + ".." + to + " deleted");
                byte[] out = new byte[bytes.length - (to - from)];
                System.arraycopy(bytes, 0, out, 0, from);
                System.arraycopy(bytes, to, out, from, bytes.length - to);
                return out;
            }
            default -> {
                if (headerBytes < 4 || bytes.length < headerBytes) {
                    byte[] out = bytes.clone();
                    if (out.length > 0) {
                        out[0] = (byte) random.nextInt(256);
                        steps.add("first byte set to " + (out[0] & 0xff));
                    }
                    return out;
                }
                int field = 4 * (1 + random.nextInt(headerBytes / 4 - 1));   // a size field, not the magic
                int value = EXTREMES[random.nextInt(EXTREMES.length)];
                steps.add("header field at " + field + " set to " + value);
                byte[] out = bytes.clone();
                ByteBuffer.wrap(out).putInt(field, value);
                return out;
            }
        }
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Bytes the current thread allocates while {@code action} runs (it may throw; the throwable is
     * returned to the caller's assertions through {@code thrown}).
     */
    static long allocatedBy(Runnable action) {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported(), "per-thread allocation counting unsupported");
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void theValidInputsDecode() {
        assertEquals(3, IdxReader.readImages(new ByteArrayInputStream(idxImages()), "fuzz").count());
        assertEquals(3, IdxReader.readLabels(new ByteArrayInputStream(gzip(idxLabels())), "fuzz").length);
        assertEquals(2, Cifar10Reader.read(new ByteArrayInputStream(cifar()), "fuzz").count());
    }
}

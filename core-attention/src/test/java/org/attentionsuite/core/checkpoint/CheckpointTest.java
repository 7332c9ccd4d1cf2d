package org.attentionsuite.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.NormPlacement;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.nn.Activation;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    static final TokenScheme TOKENS = new TokenScheme.Plain(50);

    static Checkpoint.RunRecord record(String command) {
        JsonObject options = new JsonObject();
        options.addProperty("steps", 99);
        return new Checkpoint.RunRecord(TOKENS, command, options);
    }

    static TrainingRun run(int seed) {
        ModelConfig cfg = ModelConfig.of(50, 16, 2, 1, 32, 20).withNorm(NormPlacement.POST)
                .withActivation(Activation.GELU).withPosition(new Positions.Learned()).withTiedOutput(true)
                .withConditionClasses(3).withDropout(0.1);
        TrainConfig tc = TrainConfig.of(99, new LearningRateSchedule.Noam(16, 10, 2.0), 42);
        return new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, seed), tc, "sha256:abc");
    }

    @AfterEach
    void resetTypes() {
        JsonTypes.reset();
    }

    @Test
    void roundTripRestoresEverything(@TempDir Path dir) throws Exception {
        TrainingRun run = run(3);
        run.optimizer().firstMoments().set(0, 5, 0.25);
        run.restore(17, 1.5);
        run.restoreProgress(2.5, 60.0, 2);
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(run, file, record("suite train --x"));
        Checkpoint.Loaded back = Checkpoint.load(file, Precision.FLOAT32);
        TrainingRun resumed = TrainingCheckpoint.continueRun(back, TrainingCheckpoint.config(back));

        assertEquals(run.model().config(), back.model().config());
        assertEquals(run.config(), resumed.config());
        assertEquals(TOKENS, back.tokens());
        assertEquals(99, back.options().get("steps").getAsInt());
        assertEquals(17, resumed.step());
        assertEquals(1.5, resumed.bestValidationLoss());
        assertEquals(2.5, resumed.smoothedLoss());
        assertEquals(60.0, resumed.elapsedSeconds());
        assertEquals(2, resumed.evaluationsWithoutImprovement());
        assertEquals(42, back.provenance().seed());
        assertEquals(SuiteVersion.get(), back.provenance().version());
        assertEquals("sha256:abc", back.provenance().dataFingerprint());
        assertEquals("suite train --x", back.provenance().command());
        assertEquals(SuiteVersion.get(), back.provenance().version());
        assertArrayEquals(run.model().params().values().whole().toArray(),
                back.model().params().values().whole().toArray(), 0.0);
        assertEquals(0.25, resumed.optimizer().firstMoments().get(0, 5));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files are left behind");
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                "checkpoints are created 0644 like every other output");
    }

    @Test
    void metadataNamesTypesLogicallyNotByJavaClass(@TempDir Path dir) throws IOException {
        TrainingRun r = run(1);
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(r, file, record("x"));
        String meta = read(file, Checkpoint.META);
        assertTrue(meta.contains("\"type\": \"" + FullCausalAttention.NAME + "\""), meta);
        assertTrue(meta.contains("\"type\": \"learned\""), meta);
        assertTrue(meta.contains("\"type\": \"noam\""), meta);
        assertTrue(meta.contains("\"type\": \"plain\""), meta);
        assertFalse(meta.contains("org.attentionsuite"), "no Java class names in " + meta);
    }

    /** A spec record standing in for FullCausalAttention.Spec after a rename. */
    record RenamedFullSpec() implements org.attentionsuite.core.attention.AttentionSpec {
        @Override
        public org.attentionsuite.core.attention.Attention create(
                org.attentionsuite.core.attention.AttentionContext context) {
            return new FullCausalAttention.Spec().create(context);
        }

        @Override
        public String label() {
            return "renamed full";
        }

        @Override
        public long scoreEntries(int length) {
            return 0;
        }

        @Override
        public long analyticElements(int batch, int heads, int headDim, int length) {
            return 0;
        }
    }

    @Test
    void aRenamedClassStillLoadsUnderItsLogicalName(@TempDir Path dir) {
        TrainingRun r = run(1);
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(r, file, record("x"));
        // The registry of a later version: "full" now means another class; nothing else changed.
        JsonTypes.Registry later = new JsonTypes.Registry();
        later.add(org.attentionsuite.core.attention.AttentionSpec.class, FullCausalAttention.NAME,
                RenamedFullSpec.class);
        later.add(org.attentionsuite.core.model.PositionSpec.class, "learned", Positions.Learned.class);
        later.add(LearningRateSchedule.class, "noam", LearningRateSchedule.Noam.class);
        later.add(TokenScheme.class, "plain", TokenScheme.Plain.class);
        JsonTypes.install(later);
        Checkpoint.Loaded back = Checkpoint.load(file, Precision.FLOAT32);
        assertEquals(new RenamedFullSpec(), back.model().config().attention());
        assertArrayEquals(r.model().params().values().whole().toArray(),
                back.model().params().values().whole().toArray(), 0.0);
    }

    @Test
    void anUnknownTypeNameIsOneLineNotAClassLookup(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(run(1), file, record("x"));
        Path evil = dir.resolve("evil.ckpt");
        rewrite(file, evil, Checkpoint.META, meta -> meta.replace("\"type\": \"full\"",
                "\"type\": \"java.lang.Runtime\""));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(evil, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("unknown AttentionSpec type 'java.lang.Runtime'"), e.getMessage());
    }

    /**
     * Sizes in {@code meta.json} beyond 32 bits are refused, never wrapped: 2^40 parameters read
     * as 0, and P + 2^32 parameters or a width of 2^32 + D as the real sizes, which then loaded.
     */
    @Test
    void sizesBeyond32BitsAreRefusedNotWrapped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.ckpt");
        TrainingRun r = run(1);
        TrainingCheckpoint.save(r, file, record("x"));
        int p = r.model().parameterCount();
        int d = r.model().config().dModel();
        for (String[] edit : new String[][] {
            {"\"parameterCount\": " + p, "\"parameterCount\": " + (1L << 40), "1099511627776 parameters"},
            {"\"parameterCount\": " + p, "\"parameterCount\": " + ((1L << 32) + p), ((1L << 32) + p) + " parameters"},
            {"\"dModel\": " + d, "\"dModel\": " + ((1L << 32) + d), "not an int: " + ((1L << 32) + d)}}) {
            Path evil = dir.resolve("evil.ckpt");
            rewrite(file, evil, Checkpoint.META, meta -> {
                assertTrue(meta.contains(edit[0]), meta);
                return meta.replace(edit[0], edit[1]);
            });
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> Checkpoint.load(evil, Precision.FLOAT32), edit[1]);
            assertTrue(e.getMessage().startsWith(evil + ": damaged or not a checkpoint: ")
                    && e.getMessage().contains(edit[2]), e.getMessage());
        }
    }

    @Test
    void everyFlippedBitIsRefusedWithOneLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(run(1), file, record("x"));
        byte[] bytes = Files.readAllBytes(file);
        Random rng = new Random(7);
        int refused = 0;
        for (int trial = 0; trial < 200; trial++) {
            byte[] copy = bytes.clone();
            int pos = rng.nextInt(copy.length);
            copy[pos] ^= (byte) (1 << rng.nextInt(8));
            Path damaged = dir.resolve("d" + trial + ".ckpt");
            Files.write(damaged, copy);
            try {
                Checkpoint.Loaded l = Checkpoint.load(damaged, Precision.FLOAT32);
                // A flip that changes nothing loaded (e.g. a zip timestamp) must give the very same model.
                assertArrayEquals(run(1).model().params().values().whole().toArray(),
                        l.model().params().values().whole().toArray(), 0.0, "flip at byte " + pos + " loaded silently");
            } catch (CheckpointException e) {
                assertTrue(e.getMessage().startsWith(damaged.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                refused++;
            }
            Files.delete(damaged);
        }
        assertTrue(refused > 150, refused + " of 200 flips refused");
    }

    @Test
    void aShortParamsEntryIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.ckpt");
        TrainingCheckpoint.save(run(1), file, record("x"));
        Path cut = dir.resolve("cut.ckpt");
        rewriteBytes(file, cut, Checkpoint.PARAMS, b -> java.util.Arrays.copyOf(b, b.length - 10));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(cut, Precision.FLOAT32));
        assertTrue(e.getMessage().contains("params.bin holds") && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void weightsOnlyFilesAreSmallSampleTheSameAndCannotResume(@TempDir Path dir) {
        TrainingRun r = run(4);
        Path full = dir.resolve("full.ckpt");
        TrainingCheckpoint.save(r, full, record("x"));
        Checkpoint.Loaded loaded = Checkpoint.load(full, Precision.FLOAT32);
        Path f32 = dir.resolve("w32.ckpt");
        Path f16 = dir.resolve("w16.ckpt");
        Checkpoint.save(loaded.weightsOnly(), f32, Dtype.FLOAT32);
        Checkpoint.save(loaded.weightsOnly(), f16, Dtype.FLOAT16);
        Checkpoint.Loaded w32 = Checkpoint.load(f32, Precision.FLOAT32);
        Checkpoint.Loaded w16 = Checkpoint.load(f16, Precision.FLOAT32);
        double[] want = r.model().params().values().whole().toArray();
        assertArrayEquals(want, w32.model().params().values().whole().toArray(), 0.0);
        double[] half = w16.model().params().values().whole().toArray();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], half[i], Math.abs(want[i]) * 1e-3 + 1e-7, "float16 weight " + i);
        }
        assertFalse(w16.resumable());
        assertTrue(assertThrows(CheckpointException.class, w16::training).getMessage().contains("weights only"));
        assertEquals(TOKENS, w16.tokens());
        assertEquals(loaded.provenance(), w16.provenance());
    }

    @Test
    void unreadableFilesFailWithTheirName(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "not a zip");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(junk, Precision.FLOAT32));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> Checkpoint.load(dir.resolve("nope.ckpt"), Precision.FLOAT32));
        assertTrue(missing.getMessage().contains("nope.ckpt"));
        CheckpointException folder = assertThrows(CheckpointException.class, () -> Checkpoint.load(dir,
                Precision.FLOAT32));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    @Test
    void savingOverAnExistingCheckpointReplacesItWhole(@TempDir Path dir) {
        ModelConfig cfg = ModelConfig.of(20, 8, 2, 1, 16, 10);
        TrainConfig tc = TrainConfig.of(5, new LearningRateSchedule.Constant(1e-3), 1);
        Path file = dir.resolve("x.ckpt");
        Checkpoint.RunRecord rec = new Checkpoint.RunRecord(new TokenScheme.Plain(20), "t", null);
        TrainingRun a = new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, 1), tc, "a");
        TrainingCheckpoint.save(a, file, rec);
        TrainingRun b = new TrainingRun(new DecoderModel(cfg, Precision.FLOAT32, 2), tc, "b");
        b.restore(3, 0.7);
        TrainingCheckpoint.save(b, file, rec);
        Checkpoint.Loaded l = Checkpoint.load(file, Precision.FLOAT32);
        assertEquals("b", l.provenance().dataFingerprint());
        assertArrayEquals(b.model().params().values().whole().toArray(), l.model().params().values().whole().toArray(),
                0.0);
    }

    @Test
    void float16ConversionIsExactWhereItCanBeAndRoundsToNearestEven() {
        for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 0.333251953125f}) {
            assertEquals(f, Float16.toFloat(Float16.fromFloat(f)), "exact in half: " + f);
        }
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(Float16.fromFloat(1e6f)));
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        assertEquals(1f, Float16.toFloat(Float16.fromFloat(1f + 0x1p-11f)), "tie rounds to even");
        assertEquals(1f + 0x1p-9f, Float16.toFloat(Float16.fromFloat(1f + 0x1.8p-10f)), "tie rounds to even (up)");
        Random rng = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            float f = (float) rng.nextGaussian() * 0.1f;
            float h = Float16.toFloat(Float16.fromFloat(f));
            assertTrue(Math.abs(h - f) <= Math.max(Math.abs(f) * 0x1p-11f, 0x1p-25f), f + " -> " + h);
        }
    }

    static String read(Path zipFile, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void rewrite(Path from, Path to, String entry, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        rewriteBytes(from, to, entry, b -> edit.apply(new String(b, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Copies a zip with one entry's bytes edited (the zip itself stays valid). */
    static void rewriteBytes(Path from, Path to, String entry, java.util.function.UnaryOperator<byte[]> edit)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(from.toFile()); ZipOutputStream z = new ZipOutputStream(out)) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] b;
                try (InputStream in = zip.getInputStream(e)) {
                    b = in.readAllBytes();
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(entry) ? edit.apply(b) : b);
                z.closeEntry();
            }
        }
        Files.write(to, out.toByteArray());
    }
}

package org.attentionsuite.core.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.checkpoint.Dtype;
import org.attentionsuite.core.fuzz.FileFuzzTarget;
import org.attentionsuite.core.fuzz.FuzzTarget;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Precision;

/**
 * The checkpoint loader as a fuzz target: every input, written to a file, either loads (with its
 * training config, when it holds one to resume from) or is refused with a
 * {@link CheckpointException} (one line naming the file); any other exception, or an input that does
 * not finish in time, is a finding. The seed corpus is small checkpoints written
 * by {@link #seeds} in each form the loader reads (training, weights-only float32 and float16).
 */
public final class CheckpointFuzzTarget extends FileFuzzTarget {
    /** @param scratch a folder for the file each input is written to */
    public CheckpointFuzzTarget(Path scratch) {
        super(scratch, ".ckpt", CheckpointException.class);
    }

    @Override
    protected void read(Path file) {
        Checkpoint.Loaded loaded = Checkpoint.load(file, Precision.FLOAT32);
        if (loaded.resumable()) {
            TrainingCheckpoint.config(loaded);
        }
    }

    @Override
    public String extension() {
        return ".ckpt";
    }

    /**
     * The parser behind the integrity check: inputs are the {@code meta.json} of a checkpoint,
     * each sealed into a zip with valid CRCs and the arrays of the seed whose SHA-256 it names
     * (else the first seed's), so mutants get past the checksums and reach the configuration,
     * type names, shapes and sizes. Its seed corpus is {@link #metadata} of the seed checkpoints.
     */
    public static final class Sealed implements FuzzTarget {
        private final CheckpointFuzzTarget loader;
        private final List<Map<String, byte[]>> arrays = new ArrayList<>();

        /** @param seeds valid checkpoints whose arrays the sealed inputs carry */
        public Sealed(Path scratch, List<byte[]> seeds) throws IOException {
            this.loader = new CheckpointFuzzTarget(scratch);
            for (byte[] seed : seeds) {
                arrays.add(entries(seed));
            }
            arrays.forEach(a -> a.remove(Checkpoint.META));
        }

        @Override
        public void run(byte[] input) throws Exception {
            String meta = new String(input, StandardCharsets.ISO_8859_1);
            Map<String, byte[]> carried = arrays.get(0);
            for (Map<String, byte[]> a : arrays) {
                byte[] params = a.get(Checkpoint.PARAMS);
                if (params != null && meta.contains(Checkpoint.sha256(params))) {
                    carried = a;
                    break;
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Checkpoint.writeZip(bytes, input, carried);
            loader.run(bytes.toByteArray());
        }

        @Override
        public boolean isRejection(Throwable thrown) {
            return loader.isRejection(thrown);
        }

        @Override
        public String extension() {
            return ".json";
        }
    }

    /** The {@code meta.json} of each checkpoint in {@code checkpoints}: the seeds of {@link Sealed}. */
    public static List<byte[]> metadata(List<byte[]> checkpoints) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (byte[] c : checkpoints) {
            out.add(entries(c).get(Checkpoint.META));
        }
        return out;
    }

    private static Map<String, byte[]> entries(byte[] checkpoint) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(checkpoint))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /**
     * Small valid checkpoints: a post-norm model with learned positions, classes and a tied output
     * (training state), and a pre-norm one as weights only in float32 and float16.
     */
    public static List<byte[]> seeds(Path scratch) throws IOException {
        Files.createDirectories(scratch);
        List<byte[]> out = new ArrayList<>();
        ModelConfig a = ModelConfig.of(12, new ModelSize(8, 2, 1, 0.0), 6)
                .withPosition(new Positions.Learned())
                .withConditionClasses(2).withTiedOutput(true);
        ModelConfig b = ModelConfig.of(9, new ModelSize(4, 1, 1, 0.0), 5);
        Checkpoint.RunRecord recA = new Checkpoint.RunRecord(new TokenScheme.Plain(12), "fuzz seed", null);
        TrainingRun run = new TrainingRun(new DecoderModel(a, Precision.FLOAT32, 1),
                TrainConfig.of(3, new LearningRateSchedule.Constant(1e-3), 1), "seed");
        run.restore(2, 1.5);
        Path training = scratch.resolve("seed-training.ckpt");
        TrainingCheckpoint.save(run, training, recA);
        out.add(Files.readAllBytes(training));
        TrainingRun small = new TrainingRun(new DecoderModel(b, Precision.FLOAT32, 2),
                TrainConfig.of(3, new LearningRateSchedule.Noam(4, 2, 1.0), 2), "seed");
        Path full = scratch.resolve("seed-small.ckpt");
        TrainingCheckpoint.save(small, full, new Checkpoint.RunRecord(new TokenScheme.Plain(9), "fuzz seed", null));
        Checkpoint.Loaded loaded = Checkpoint.load(full, Precision.FLOAT32);
        for (Dtype dtype : new Dtype[] {Dtype.FLOAT32, Dtype.FLOAT16}) {
            Path w = scratch.resolve("seed-" + dtype.id() + ".ckpt");
            Checkpoint.save(loaded.weightsOnly(), w, dtype);
            out.add(Files.readAllBytes(w));
        }
        return out;
    }
}

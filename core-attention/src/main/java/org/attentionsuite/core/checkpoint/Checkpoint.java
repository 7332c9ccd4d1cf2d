package org.attentionsuite.core.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Saves and loads training runs. A checkpoint is a zip with {@code meta.json} (model config,
 * training config, step, best validation loss, provenance, parameter count) and raw float64
 * arrays {@code params.bin}, {@code adam_m.bin}, {@code adam_v.bin}. Saving goes to a temporary
 * file in the target directory and is renamed into place atomically.
 */
public final class Checkpoint {
    private static final int FORMAT = 1;

    private Checkpoint() {
    }

    /** The metadata stored as JSON. */
    record Meta(int format, ModelConfig model, TrainConfig training, long step, double bestValidationLoss,
            int parameterCount, Provenance provenance) {
    }

    /** Atomically writes {@code run} to {@code file}. */
    public static void save(TrainingRun run, Path file, String command) {
        Provenance prov = new Provenance(run.config().seed(), run.dataFingerprint(), SuiteVersion.get(),
                Instant.now().toString(), command);
        Meta meta = new Meta(FORMAT, run.model().config(), run.config(), run.step(), run.bestValidationLoss(),
                run.model().parameterCount(), prov);
        AtomicFiles.write(file, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            zip.putNextEntry(new ZipEntry("meta.json"));
            zip.write(Json.gson().toJson(meta).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            writeArray(zip, "params.bin", run.model().params().values().mat(0, 1, run.model().parameterCount()));
            writeArray(zip, "adam_m.bin", run.optimizer().firstMoments());
            writeArray(zip, "adam_v.bin", run.optimizer().secondMoments());
            zip.finish();
        });
    }

    /** A loaded checkpoint: the rebuilt run and its provenance. */
    public record Loaded(TrainingRun run, Provenance provenance) {
        public DecoderModel model() {
            return run.model();
        }
    }

    /** Rebuilds the model, optimizer and counters from {@code file} alone. */
    public static Loaded load(Path file, Precision precision) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file + ": no such checkpoint file", null);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metaEntry = zip.getEntry("meta.json");
            if (metaEntry == null) {
                throw new CheckpointException(file + ": not a checkpoint (no meta.json)", null);
            }
            Meta meta;
            try (InputStream in = zip.getInputStream(metaEntry)) {
                meta = Json.gson().fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), Meta.class);
            }
            if (meta.format() != FORMAT) {
                throw new CheckpointException(file + ": unsupported checkpoint format " + meta.format(), null);
            }
            DecoderModel model = new DecoderModel(meta.model(), precision, meta.provenance().seed());
            if (model.parameterCount() != meta.parameterCount()) {
                throw new CheckpointException(file + ": parameter count " + meta.parameterCount()
                        + " does not match the rebuilt model's " + model.parameterCount(), null);
            }
            TrainingRun run = new TrainingRun(model, meta.training(), meta.provenance().dataFingerprint());
            readArray(zip, file, "params.bin", model.params().values().mat(0, 1, model.parameterCount()));
            readArray(zip, file, "adam_m.bin", run.optimizer().firstMoments());
            readArray(zip, file, "adam_v.bin", run.optimizer().secondMoments());
            run.restore(meta.step(), meta.bestValidationLoss());
            return new Loaded(run, meta.provenance());
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** Same as {@link #load} with a training config replaced (e.g. more steps when extending a run). */
    public static Loaded load(Path file, Precision precision, TrainConfig override) {
        Loaded l = load(file, precision);
        TrainingRun fresh = new TrainingRun(l.model(), override, l.run().dataFingerprint());
        fresh.optimizer().firstMoments().copyFrom(l.run().optimizer().firstMoments());
        fresh.optimizer().secondMoments().copyFrom(l.run().optimizer().secondMoments());
        fresh.restore(l.run().step(), l.run().bestValidationLoss());
        return new Loaded(fresh, l.provenance());
    }

    private static void writeArray(ZipOutputStream zip, String name, Mat m) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(m.cols() * 8 + 8);
        DataOutputStream out = new DataOutputStream(bytes);
        int n = m.rows() * m.cols();
        out.writeInt(n);
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                out.writeDouble(m.get(r, c));
            }
        }
        out.flush();
        bytes.writeTo(zip);
        zip.closeEntry();
    }

    private static void readArray(ZipFile zip, Path file, String name, Mat m) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new CheckpointException(file + ": missing " + name, null);
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(zip.getInputStream(e)))) {
            int n = in.readInt();
            if (n != m.rows() * m.cols()) {
                throw new CheckpointException(file + ": " + name + " holds " + n + " values, expected "
                        + m.rows() * m.cols(), null);
            }
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    m.set(r, c, in.readDouble());
                }
            }
        }
    }
}

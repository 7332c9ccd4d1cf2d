package org.attentionsuite.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Saves and loads models and training runs. A checkpoint is a zip:
 * <ul>
 *   <li>{@code meta.json}: format, model config, token scheme, training config, step, best
 *       validation loss, provenance, the resolved run options, the storage type of the arrays and a
 *       SHA-256 of each array entry. Polymorphic parts carry logical type names ({@link JsonTypes}).</li>
 *   <li>{@code params.bin}: the {@code P} parameters, little-endian, in {@code dtype}
 *       ({@code float64}, {@code float32} or {@code float16}).</li>
 *   <li>{@code adam_m.bin}, {@code adam_v.bin}: Adam's moments in the same type, present in
 *       training checkpoints and absent in weights-only ones (the shipped models).</li>
 * </ul>
 * Every entry's CRC-32 is verified and every array's SHA-256 is compared with {@code meta.json}, so
 * a damaged file is refused with one line instead of loading silently. Training checkpoints store
 * the model's own precision (float32 training loses nothing), so resuming is bit-for-bit.
 *
 * <p>Format 1 (big-endian float64 arrays with a count prefix, Java class names as type tags, no
 * token scheme) is still read; its token scheme is recognised by the module that owns it
 * ({@link JsonTypes.Provider#legacyTokens}).
 */
public final class Checkpoint {
    static final int FORMAT = 2;
    static final String META = "meta.json";
    static final String PARAMS = "params.bin";
    static final String ADAM_M = "adam_m.bin";
    static final String ADAM_V = "adam_v.bin";
    /** Refuse configs whose parameters alone would need more than this many values. */
    static final long MAX_PARAMETERS = 1L << 30;
    /**
     * A checkpoint file: its entries are read one by one, each bounded by what {@code meta.json}
     * declares (at most {@link #MAX_PARAMETERS} float64 values per array, three arrays).
     */
    public static final UserFiles.Kind FILE = UserFiles.Kind.of("checkpoint", 3 * 8 * MAX_PARAMETERS + (1 << 24));

    private Checkpoint() {
    }

    /** How the arrays are stored. */
    public enum Dtype {
        FLOAT64("float64", 8), FLOAT32("float32", 4), FLOAT16("float16", 2);

        private final String id;
        private final int bytes;

        Dtype(String id, int bytes) {
            this.id = id;
            this.bytes = bytes;
        }

        public String id() {
            return id;
        }

        /** Bytes per value. */
        public int bytes() {
            return bytes;
        }

        /** The type that stores {@code p} exactly. */
        public static Dtype exact(Precision p) {
            return p == Precision.FLOAT64 ? FLOAT64 : FLOAT32;
        }

        static Dtype of(String id) {
            for (Dtype d : values()) {
                if (d.id.equals(id)) {
                    return d;
                }
            }
            throw new JsonParseException("unknown dtype '" + id + "'");
        }
    }

    /**
     * What a checkpoint records about the run besides the arrays.
     *
     * @param tokens  what the token ids mean (required for new checkpoints)
     * @param command the command line or driver that trained it
     * @param options the resolved options of the run (option name → value), or an empty object
     */
    public record RunRecord(TokenScheme tokens, String command, JsonObject options) {
        public RunRecord {
            java.util.Objects.requireNonNull(tokens, "tokens");
            java.util.Objects.requireNonNull(command, "command");
            options = options == null ? new JsonObject() : options.deepCopy();
        }
    }

    /** The metadata stored as JSON; {@code training} and {@code progress} are null in weights-only checkpoints. */
    record Meta(int format, ModelConfig model, TokenScheme tokens, TrainConfig training, long step,
            double bestValidationLoss, Progress progress, int parameterCount, Provenance provenance,
            JsonObject options, String dtype, Map<String, String> sha256) {
    }

    /** What the progress display, metrics and early stopping continue from. */
    record Progress(double smoothedLoss, double elapsedSeconds, int evaluationsWithoutImprovement) {
    }

    /** Atomically writes the whole run (weights, optimizer state, counters) to {@code file}. */
    public static void save(TrainingRun run, Path file, RunRecord record) {
        DecoderModel model = run.model();
        Dtype dtype = Dtype.exact(model.precision());
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put(PARAMS, encode(model.params().values().mat(0, 1, model.parameterCount()), dtype));
        arrays.put(ADAM_M, encode(run.optimizer().firstMoments(), dtype));
        arrays.put(ADAM_V, encode(run.optimizer().secondMoments(), dtype));
        Provenance prov = new Provenance(run.config().seed(), run.dataFingerprint(), SuiteVersion.get(),
                Instant.now().toString(), record.command());
        Progress progress = new Progress(run.smoothedLoss(), run.elapsedSeconds(),
                run.evaluationsWithoutImprovement());
        write(file, new Meta(FORMAT, model.config(), record.tokens(), run.config(), run.step(),
                run.bestValidationLoss(), progress, model.parameterCount(), prov, record.options(), dtype.id(),
                digests(arrays)), arrays);
    }

    /**
     * Atomically writes the weights of {@code loaded} alone (no optimizer state), stored as
     * {@code dtype}: the form of the models shipped with the suite. Loading gives a model that
     * samples and evaluates but cannot resume training.
     */
    public static void saveWeights(Loaded loaded, Path file, Dtype dtype) {
        DecoderModel model = loaded.model();
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put(PARAMS, encode(model.params().values().mat(0, 1, model.parameterCount()), dtype));
        write(file, new Meta(FORMAT, model.config(), loaded.tokens(), null, loaded.step(),
                loaded.bestValidationLoss(), null, model.parameterCount(), loaded.provenance(), loaded.options(),
                dtype.id(), digests(arrays)), arrays);
    }

    private static void write(Path file, Meta meta, Map<String, byte[]> arrays) {
        byte[] json = Json.gson().toJson(meta).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            zip.putNextEntry(new ZipEntry(META));
            zip.write(json);
            zip.closeEntry();
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * A loaded checkpoint.
     *
     * @param model              the rebuilt model with its weights
     * @param run                the training state, or {@code null} for a weights-only checkpoint
     * @param tokens             what the token ids mean
     * @param provenance         where it came from
     * @param options            the resolved run options recorded with it (empty for format 1)
     * @param step               optimizer steps it was trained for
     * @param bestValidationLoss best validation loss in nats per target
     * @param file               the file it was read from
     */
    public record Loaded(DecoderModel model, TrainingRun run, TokenScheme tokens, Provenance provenance,
            JsonObject options, long step, double bestValidationLoss, Path file) {
        /** The training state; a weights-only checkpoint cannot resume training. */
        @Override
        public TrainingRun run() {
            if (run == null) {
                throw new CheckpointException(file + ": holds weights only (no optimizer state), so training cannot "
                        + "continue from it; start a new run (its weights can be sampled and evaluated)", null);
            }
            return run;
        }

        /** Whether training can continue from it. */
        public boolean resumable() {
            return run != null;
        }
    }

    /** Rebuilds the model (and the training state, if present) from {@code file} alone. */
    public static Loaded load(Path file, Precision precision) {
        if (Files.isDirectory(file)) {
            throw new CheckpointException(file + ": is a folder; give a checkpoint file (e.g. " + file.resolve("best.ckpt")
                    + ")", null);
        }
        try {
            UserFiles.check(file, FILE);
        } catch (UserError e) {
            throw new CheckpointException(e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            byte[] metaBytes = entry(zip, file, META, 1 << 24)
                    .orElseThrow(() -> damaged(file, "not a checkpoint (no " + META + ")"));
            JsonObject tree;
            try {
                tree = Json.gson().fromJson(new String(metaBytes, StandardCharsets.UTF_8), JsonObject.class);
            } catch (JsonParseException | IllegalStateException e) {
                throw damaged(file, "unreadable " + META + " (" + e.getMessage() + ")");
            }
            if (tree == null || !tree.has("format")) {
                throw damaged(file, META + " has no format");
            }
            int format = tree.get("format").getAsInt();
            return switch (format) {
                case 1 -> LegacyFormat.load(zip, file, tree, precision);
                case FORMAT -> loadCurrent(zip, file, tree, precision);
                default -> throw new CheckpointException(file + ": checkpoint format " + format
                        + " is not supported by this version (" + SuiteVersion.get() + ") of the suite", null);
            };
        } catch (ZipException e) {
            throw damaged(file, "not a zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                | NumberFormatException | ClassCastException e) {
            throw damaged(file, "malformed " + META + " (" + e.getMessage() + ")");
        }
    }

    private static Loaded loadCurrent(ZipFile zip, Path file, JsonObject tree, Precision precision) throws IOException {
        Meta meta = decode(file, tree, Meta.class);
        if (meta.model() == null || meta.tokens() == null || meta.provenance() == null || meta.dtype() == null
                || meta.sha256() == null) {
            throw damaged(file, META + " lacks the model, token scheme, provenance or checksums");
        }
        Dtype dtype = Dtype.of(meta.dtype());
        checkSize(file, meta.model(), meta.parameterCount());
        long bytes = (long) meta.parameterCount() * dtype.bytes();
        byte[] params = array(zip, file, PARAMS, bytes, meta.sha256());
        byte[] m = null;
        byte[] v = null;
        if (meta.training() != null) {
            m = array(zip, file, ADAM_M, bytes, meta.sha256());
            v = array(zip, file, ADAM_V, bytes, meta.sha256());
        }
        DecoderModel model = build(file, meta.model(), precision, meta.provenance().seed(), meta.parameterCount());
        decode(params, dtype, model.params().values().mat(0, 1, model.parameterCount()));
        TrainingRun run = null;
        if (meta.training() != null) {
            run = new TrainingRun(model, meta.training(), meta.provenance().dataFingerprint());
            decode(m, dtype, run.optimizer().firstMoments());
            decode(v, dtype, run.optimizer().secondMoments());
            run.restore(meta.step(), meta.bestValidationLoss());
            if (meta.progress() != null) {
                Progress p = meta.progress();
                run.restoreProgress(p.smoothedLoss(), p.elapsedSeconds(), p.evaluationsWithoutImprovement());
            }
        }
        return new Loaded(model, run, meta.tokens(), meta.provenance(),
                meta.options() == null ? new JsonObject() : meta.options(), meta.step(), meta.bestValidationLoss(), file);
    }

    /**
     * The run of {@code loaded} continued under {@code training} (e.g. more steps): the same model,
     * optimizer moments, counters and progress, with the new config.
     */
    public static TrainingRun continueRun(Loaded loaded, TrainConfig training) {
        TrainingRun old = loaded.run();
        TrainingRun fresh = new TrainingRun(loaded.model(), training, old.dataFingerprint());
        fresh.optimizer().firstMoments().copyFrom(old.optimizer().firstMoments());
        fresh.optimizer().secondMoments().copyFrom(old.optimizer().secondMoments());
        fresh.restore(old.step(), old.bestValidationLoss());
        fresh.restoreProgress(old.smoothedLoss(), old.elapsedSeconds(), old.evaluationsWithoutImprovement());
        return fresh;
    }

    /** Refuses configs too large to build before anything is allocated. */
    static void checkSize(Path file, ModelConfig c, long declaredParameters) {
        if (declaredParameters <= 0 || declaredParameters > MAX_PARAMETERS || c.parameterBound() > MAX_PARAMETERS) {
            throw damaged(file, "declares a model of " + declaredParameters + " parameters (bound "
                    + c.parameterBound() + "), beyond what this suite builds");
        }
    }

    static DecoderModel build(Path file, ModelConfig config, Precision precision, long seed, int parameterCount) {
        DecoderModel model = new DecoderModel(config, precision, seed);
        if (model.parameterCount() != parameterCount) {
            throw damaged(file, "parameter count " + parameterCount + " does not match the rebuilt model's "
                    + model.parameterCount());
        }
        return model;
    }

    /** A named entry's bytes (CRC-32 verified), or empty if absent; at most {@code limit} bytes. */
    static Optional<byte[]> entry(ZipFile zip, Path file, String name, long limit) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return Optional.empty();
        }
        if (e.getSize() > limit) {
            throw damaged(file, name + " holds " + e.getSize() + " bytes, more than the " + limit + " expected");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        } catch (ZipException | EOFException ex) {
            throw damaged(file, name + " is corrupt (" + ex.getMessage() + ")");
        }
        if (bytes.length > limit) {
            throw damaged(file, name + " holds more than the " + limit + " bytes expected");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
            throw damaged(file, name + " fails its CRC check");
        }
        return Optional.of(bytes);
    }

    private static byte[] array(ZipFile zip, Path file, String name, long bytes, Map<String, String> sha)
            throws IOException {
        byte[] b = entry(zip, file, name, bytes).orElseThrow(() -> damaged(file, "missing " + name));
        if (b.length != bytes) {
            throw damaged(file, name + " holds " + b.length + " bytes, expected " + bytes + " (truncated?)");
        }
        String want = sha.get(name);
        if (want == null || !want.equals(sha256(b))) {
            throw damaged(file, name + " does not match its checksum");
        }
        return b;
    }

    static CheckpointException damaged(Path file, String what) {
        return new CheckpointException(file + ": damaged or not a checkpoint: " + oneLine(what), null);
    }

    /**
     * {@code tree} as a {@code type}. Every failure is the file's fault: malformed JSON, or a value
     * that a record's own validation refuses (Gson wraps those in a plain RuntimeException).
     */
    static <T> T decode(Path file, JsonElement tree, Class<T> type) {
        try {
            return Json.gson().fromJson(tree, type);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getMessage() != null
                    && cause.getMessage().startsWith("Failed to invoke constructor")) {
                cause = cause.getCause();
            }
            throw damaged(file, "invalid " + META + " (" + cause.getMessage() + ")");
        }
    }

    /** {@code text} on one line, without Gson's troubleshooting links. */
    static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*See https://github\\.com/google/gson/\\S*", "")
                .replaceAll("\\s*\\R\\s*", " ");
    }

    private static Map<String, String> digests(Map<String, byte[]> arrays) {
        Map<String, String> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, sha256(v)));
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code m}'s values, row-major, little-endian in {@code dtype}. */
    static byte[] encode(Mat m, Dtype dtype) {
        int n = m.rows() * m.cols();
        ByteBuffer buf = ByteBuffer.allocate(n * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                double x = m.get(r, c);
                switch (dtype) {
                    case FLOAT64 -> buf.putDouble(x);
                    case FLOAT32 -> buf.putFloat((float) x);
                    case FLOAT16 -> buf.putShort(Float16.fromFloat((float) x));
                }
            }
        }
        return buf.array();
    }

    static void decode(byte[] bytes, Dtype dtype, Mat m) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                double x = switch (dtype) {
                    case FLOAT64 -> buf.getDouble();
                    case FLOAT32 -> buf.getFloat();
                    case FLOAT16 -> Float16.toFloat(buf.getShort());
                };
                m.set(r, c, x);
            }
        }
    }

    /** Format 1: big-endian float64 arrays with an int count prefix, class names as type tags. */
    static final class LegacyFormat {
        private LegacyFormat() {
        }

        record Meta1(int format, ModelConfig model, TrainConfig training, long step, double bestValidationLoss,
                int parameterCount, Provenance provenance) {
        }

        static Loaded load(ZipFile zip, Path file, JsonObject tree, Precision precision) throws IOException {
            Meta1 meta = decode(file, tree, Meta1.class);
            if (meta.model() == null || meta.training() == null || meta.provenance() == null) {
                throw damaged(file, META + " lacks the model, training config or provenance");
            }
            checkSize(file, meta.model(), meta.parameterCount());
            long bytes = 4 + 8L * meta.parameterCount();
            byte[] params = entry(zip, file, PARAMS, bytes).orElseThrow(() -> damaged(file, "missing " + PARAMS));
            byte[] m = entry(zip, file, ADAM_M, bytes).orElseThrow(() -> damaged(file, "missing " + ADAM_M));
            byte[] v = entry(zip, file, ADAM_V, bytes).orElseThrow(() -> damaged(file, "missing " + ADAM_V));
            DecoderModel model = build(file, meta.model(), precision, meta.provenance().seed(), meta.parameterCount());
            TrainingRun run = new TrainingRun(model, meta.training(), meta.provenance().dataFingerprint());
            read(file, PARAMS, params, model.params().values().mat(0, 1, model.parameterCount()));
            read(file, ADAM_M, m, run.optimizer().firstMoments());
            read(file, ADAM_V, v, run.optimizer().secondMoments());
            run.restore(meta.step(), meta.bestValidationLoss());
            TokenScheme tokens = JsonTypes.legacyTokens(meta.model()).orElseThrow(() -> damaged(file,
                    "a format-1 checkpoint of a model no module recognises (vocabulary " + meta.model().vocabSize()
                            + ", positions " + meta.model().position().label() + ")"));
            return new Loaded(model, run, tokens, meta.provenance(), new JsonObject(), meta.step(),
                    meta.bestValidationLoss(), file);
        }

        private static void read(Path file, String name, byte[] bytes, Mat m) throws IOException {
            int want = m.rows() * m.cols();
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                int n = in.readInt();
                if (n != want || bytes.length != 4 + 8L * want) {
                    throw damaged(file, name + " holds " + n + " values in " + bytes.length + " bytes, expected "
                            + want + String.format(Locale.ROOT, " (%d bytes)", 4 + 8L * want));
                }
                for (int r = 0; r < m.rows(); r++) {
                    for (int c = 0; c < m.cols(); c++) {
                        m.set(r, c, in.readDouble());
                    }
                }
            } catch (EOFException e) {
                throw damaged(file, name + " is truncated");
            }
        }
    }

    /** Bytes of a legacy array, for tests that write format-1 fixtures. */
    static byte[] legacyArray(Mat m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(m.rows() * m.cols());
            for (int r = 0; r < m.rows(); r++) {
                for (int c = 0; c < m.cols(); c++) {
                    out.writeDouble(m.get(r, c));
                }
            }
        }
        return bytes.toByteArray();
    }
}

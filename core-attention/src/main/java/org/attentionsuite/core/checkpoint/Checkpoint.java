package org.attentionsuite.core.checkpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

/**
 * The checkpoint file: a model with what its tokens mean and where it came from, and, in a
 * training checkpoint, the state to resume from. A checkpoint is a zip:
 * <ul>
 *   <li>{@value #META}: format, model config, token scheme, training config, step, best
 *       validation loss, progress, provenance, the resolved run options, the storage type of the
 *       arrays and a SHA-256 of each array entry. Polymorphic parts carry logical type names
 *       ({@link JsonTypes}).</li>
 *   <li>{@value #PARAMS}: the {@code P} parameters, stored as {@link Dtype} says.</li>
 *   <li>{@value #ADAM_M}, {@value #ADAM_V}: Adam's moments in the same type, present in
 *       training checkpoints and absent in weights-only ones (the shipped models).</li>
 * </ul>
 * Writing is atomic ({@link AtomicFiles}). Loading checks every entry's CRC-32 and compares every
 * array's SHA-256 with {@value #META}, and refuses absurd sizes before allocating, so a damaged file
 * is refused with one line instead of loading silently. Training checkpoints store the model's own
 * precision (float32 training loses nothing), so resuming is bit-for-bit; what a run saves and how
 * it continues is {@code core.train}'s {@code TrainingCheckpoint}.
 */
public final class Checkpoint {
    static final int FORMAT = 2;
    /** The metadata entry. */
    public static final String META = "meta.json";
    /** The weights entry. */
    public static final String PARAMS = "params.bin";
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

    /**
     * What a checkpoint records about the run besides the arrays.
     *
     * @param tokens  what the token ids mean (required for new checkpoints)
     * @param command the command line or driver that trained it
     * @param options the resolved options of the run (option name → value), or an empty object
     */
    public record RunRecord(TokenScheme tokens, String command, JsonObject options) {
        public RunRecord {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(command, "command");
            options = options == null ? new JsonObject() : options.deepCopy();
        }
    }

    /**
     * What the progress display, metrics and early stopping continue from.
     *
     * @param smoothedLoss                  moving average of the training loss
     * @param elapsedSeconds                training time over every session of the run
     * @param evaluationsWithoutImprovement evaluations since the best one
     */
    public record Progress(double smoothedLoss, double elapsedSeconds, int evaluationsWithoutImprovement) {
        /** The progress of a run that has not trained yet (and of a checkpoint that did not record it). */
        public static Progress none() {
            return new Progress(Double.NaN, 0, 0);
        }
    }

    /**
     * The state a training checkpoint holds besides the weights, to resume from.
     *
     * @param config         the training config as JSON ({@code core.train} reads it)
     * @param progress       what the progress display and early stopping continue from
     * @param firstMoments   Adam's first moments {@code (1, P)}
     * @param secondMoments  Adam's second moments {@code (1, P)}
     */
    public record Training(JsonElement config, Progress progress, Mat firstMoments, Mat secondMoments) {
        public Training {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(progress, "progress");
        }
    }

    /** The metadata stored as JSON; {@code training} and {@code progress} are null in weights-only checkpoints. */
    record Meta(int format, ModelConfig model, TokenScheme tokens, JsonElement training, long step,
            double bestValidationLoss, Progress progress, long parameterCount, Provenance provenance,
            JsonObject options, String dtype, Map<String, String> sha256) {
    }

    /**
     * What a checkpoint holds: loaded from {@code file}, or to be saved there.
     *
     * @param model              the model with its weights
     * @param tokens             what the token ids mean
     * @param provenance         where it came from
     * @param options            the resolved run options recorded with it
     * @param step               optimizer steps it was trained for
     * @param bestValidationLoss best validation loss in nats per target
     * @param training           the state to resume from, or {@code null} (weights only)
     * @param file               the checkpoint file
     */
    public record Loaded(DecoderModel model, TokenScheme tokens, Provenance provenance, JsonObject options, long step,
            double bestValidationLoss, Training training, Path file) {
        /** The state to resume from; a weights-only checkpoint has none. */
        @Override
        public Training training() {
            if (training == null) {
                throw new CheckpointException(file + ": holds weights only (no optimizer state), so training cannot "
                        + "continue from it; start a new run (its weights can be sampled and evaluated)", null);
            }
            return training;
        }

        /**
         * The token scheme as a {@code kind}; otherwise a one-line error naming the file, e.g.
         * {@code "best.ckpt: not a music model (it was trained on pixels ...)"}.
         *
         * @param what the kind of model, with its article: {@code "an image"}, {@code "a music"}
         */
        public <T extends TokenScheme> T tokens(Class<T> kind, String what) {
            if (!kind.isInstance(tokens)) {
                throw new UserError(file + ": not " + what + " model (it was trained on " + tokens.label() + ")");
            }
            return kind.cast(tokens);
        }

        /** Whether training can continue from it. */
        public boolean resumable() {
            return training != null;
        }

        /** The same contents without the training state: what {@code models pack} ships. */
        public Loaded weightsOnly() {
            return new Loaded(model, tokens, provenance, options, step, bestValidationLoss, null, file);
        }
    }

    /**
     * Atomically writes {@code contents} to {@code file}, the arrays stored as {@code dtype}: the
     * weights, and the training state if it has one.
     */
    public static void save(Loaded contents, Path file, Dtype dtype) {
        DecoderModel model = contents.model();
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put(PARAMS, dtype.encode(model.params().values().mat(0, 1, model.parameterCount())));
        JsonElement trainingConfig = null;
        Progress progress = null;
        if (contents.resumable()) {
            Training t = contents.training();
            arrays.put(ADAM_M, dtype.encode(t.firstMoments()));
            arrays.put(ADAM_V, dtype.encode(t.secondMoments()));
            trainingConfig = t.config();
            progress = t.progress();
        }
        write(file, new Meta(FORMAT, model.config(), contents.tokens(), trainingConfig, contents.step(),
                contents.bestValidationLoss(), progress, model.parameterCount(), contents.provenance(),
                contents.options(), dtype.id(), digests(arrays)), arrays);
    }

    private static void write(Path file, Meta meta, Map<String, byte[]> arrays) {
        byte[] json = Json.gson().toJson(meta).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, os -> writeZip(os, json, arrays));
    }

    /** The zip layout of a checkpoint: {@link #META} holding {@code meta}, then each array, in order. */
    public static void writeZip(OutputStream os, byte[] meta, Map<String, byte[]> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(os);
        zip.putNextEntry(new ZipEntry(META));
        zip.write(meta);
        zip.closeEntry();
        for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
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
            if (format != FORMAT) {
                throw new CheckpointException(file + ": checkpoint format " + format
                        + " is not supported by this version (" + SuiteVersion.get() + ") of the suite", null);
            }
            return read(zip, file, decode(file, tree, Meta.class), precision);
        } catch (ZipException e) {
            throw damaged(file, "not a zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException
                | NumberFormatException | ClassCastException e) {
            throw damaged(file, "malformed " + META + " (" + e.getMessage() + ")");
        }
    }

    private static Loaded read(ZipFile zip, Path file, Meta meta, Precision precision) throws IOException {
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
        dtype.decode(params, model.params().values().mat(0, 1, model.parameterCount()));
        Training training = null;
        if (meta.training() != null) {
            Mat firstMoments = Mat.zeros(precision, 1, model.parameterCount());   // (1, P)
            Mat secondMoments = Mat.zeros(precision, 1, model.parameterCount());  // (1, P)
            dtype.decode(m, firstMoments);
            dtype.decode(v, secondMoments);
            training = new Training(meta.training(), meta.progress() != null ? meta.progress() : Progress.none(),
                    firstMoments, secondMoments);
        }
        return new Loaded(model, meta.tokens(), meta.provenance(),
                meta.options() == null ? new JsonObject() : meta.options(), meta.step(), meta.bestValidationLoss(),
                training, file);
    }

    /** Refuses configs too large to build before anything is allocated. */
    static void checkSize(Path file, ModelConfig c, long declaredParameters) {
        if (declaredParameters <= 0 || declaredParameters > MAX_PARAMETERS || c.parameterBound() > MAX_PARAMETERS) {
            throw damaged(file, "declares a model of " + declaredParameters + " parameters (bound "
                    + c.parameterBound() + "), beyond what this suite builds");
        }
    }

    static DecoderModel build(Path file, ModelConfig config, Precision precision, long seed, long parameterCount) {
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
     * {@code tree} (part of {@code file}'s metadata) as a {@code type}. Every failure is the file's
     * fault: malformed JSON, or a value that a record's own validation refuses (Gson wraps those in
     * a plain RuntimeException); it is reported as a damaged checkpoint.
     */
    public static <T> T decode(Path file, JsonElement tree, Class<T> type) {
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

    /** The hex SHA-256 of an array entry, as {@value #META} records it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

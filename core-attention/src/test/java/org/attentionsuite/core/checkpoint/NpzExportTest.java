package org.attentionsuite.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.NormPlacement;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code .npz} export read back by readers that share no code with it: a plain NPY parser
 * written below from NumPy's format description, ND4J's own NPY reader, and (opt-in) NumPy itself.
 */
class NpzExportTest {
    /** vocab 13, d 8, heads 2, layers 2, ffn 12, maxLength 10; learned positions, 3 classes, untied output. */
    private static final ModelConfig LEARNED = ModelConfig.of(13, 8, 2, 2, 12, 10)
            .withPosition(new Positions.Learned()).withConditionClasses(3);

    /** An array as read back: shape and values. */
    private record Npy(int[] shape, float[] values) {
        int size() {
            return values.length;
        }

        /** Element {@code (i, j)} of a 2-D array. */
        float at(int i, int j) {
            return values[i * shape[1] + j];
        }
    }

    @Test
    void everyArrayIsAParameterInThePyTorchLayout(@TempDir Path dir) throws Exception {
        DecoderModel model = randomModel(LEARNED, 5);
        Path ckpt = dir.resolve("m.ckpt");
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(10, new LearningRateSchedule.Constant(1e-3), 5), "x"),
                ckpt, new Checkpoint.RunRecord(new TokenScheme.Plain(model.config().vocabSize()), "test", null));
        DecoderModel loaded = Checkpoint.load(ckpt, Precision.FLOAT32).model();
        NpzExport.Written w = NpzExport.write(loaded, dir.resolve("m.npz"));
        assertEquals(dir.resolve("m.config.json"), w.config());

        Map<String, Npy> npz = readNpz(w.npz());
        assertEquals(List.of("tok_emb.weight", "cls_emb.weight", "pos_emb.weight",
                "blocks.0.ln1.weight", "blocks.0.ln1.bias", "blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias",
                "blocks.0.attn.proj.weight", "blocks.0.attn.proj.bias", "blocks.0.ln2.weight", "blocks.0.ln2.bias",
                "blocks.0.ff.fc1.weight", "blocks.0.ff.fc1.bias", "blocks.0.ff.fc2.weight", "blocks.0.ff.fc2.bias",
                "blocks.1.ln1.weight", "blocks.1.ln1.bias", "blocks.1.attn.qkv.weight", "blocks.1.attn.qkv.bias",
                "blocks.1.attn.proj.weight", "blocks.1.attn.proj.bias", "blocks.1.ln2.weight", "blocks.1.ln2.bias",
                "blocks.1.ff.fc1.weight", "blocks.1.ff.fc1.bias", "blocks.1.ff.fc2.weight", "blocks.1.ff.fc2.bias",
                "ln_f.weight", "ln_f.bias", "lm_head.weight", "lm_head.bias"), new ArrayList<>(npz.keySet()));

        int total = 0;
        for (Param p : model.params().all()) {            // the original model, not the reloaded one
            String name = NpzExport.exportedName(p.name());
            Npy a = npz.get(name);
            Mat v = p.value();
            total += a.size();
            boolean vector = name.endsWith(".bias") || name.matches("(blocks\\.\\d+\\.ln[12]|ln_f)\\.weight");
            boolean linear = !vector && (name.startsWith("blocks.") || name.startsWith("lm_head."));
            if (linear) {
                // nn.Linear: (out, in), the engine's (in, out) transposed
                assertArrayEquals(new int[] {v.cols(), v.rows()}, a.shape(), name);
                for (int i = 0; i < v.rows(); i++) {
                    for (int o = 0; o < v.cols(); o++) {
                        assertEquals((float) v.get(i, o), a.at(o, i), name + "[" + o + ", " + i + "]");
                    }
                }
            } else if (vector) {
                assertArrayEquals(new int[] {v.cols()}, a.shape(), name + " is a vector");
                for (int j = 0; j < v.cols(); j++) {
                    assertEquals((float) v.get(0, j), a.values()[j], name + "[" + j + "]");
                }
            } else {
                assertArrayEquals(new int[] {v.rows(), v.cols()}, a.shape(), name);
                for (int i = 0; i < v.rows(); i++) {
                    for (int j = 0; j < v.cols(); j++) {
                        assertEquals((float) v.get(i, j), a.at(i, j), name + "[" + i + ", " + j + "]");
                    }
                }
            }
        }
        assertEquals(model.parameterCount(), total, "the arrays hold every parameter once");
        assertEquals(model.params().all().size(), npz.size());

        JsonObject config = JsonParser.parseString(Files.readString(w.config())).getAsJsonObject();
        assertEquals(NpzExport.FORMAT, config.get("format").getAsString());
        assertEquals(SuiteVersion.get(), config.get("suiteVersion").getAsString());
        assertEquals(model.parameterCount(), config.get("parameterCount").getAsInt());
        assertEquals(1.0, config.get("tokenEmbeddingScale").getAsDouble(), "learned positions: no scaling");
        assertEquals(LEARNED, Json.gson().fromJson(config.get("model"), ModelConfig.class));
    }

    @Test
    void ndarraysReadByNd4jMatchTheExport(@TempDir Path dir) throws Exception {
        DecoderModel model = randomModel(LEARNED, 6);
        Path npz = NpzExport.write(model, dir.resolve("m.npz")).npz();
        Map<String, Npy> plain = readNpz(npz);
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (Map.Entry<String, Npy> e : plain.entrySet()) {
                byte[] bytes;
                try (InputStream in = zip.getInputStream(zip.getEntry(e.getKey() + ".npy"))) {
                    bytes = in.readAllBytes();
                }
                INDArray a = Nd4j.createNpyFromByteArray(bytes);
                long[] shape = a.shape();
                assertArrayEquals(java.util.Arrays.stream(e.getValue().shape()).asLongStream().toArray(), shape,
                        e.getKey());
                assertArrayEquals(e.getValue().values(), a.reshape(a.length()).toFloatVector(), e.getKey());
            }
        }
    }

    /**
     * The strongest check of names, layouts and the config file: logits computed from the exported
     * arrays alone with PyTorch's conventions ({@code y = x·Wᵀ + b}, {@code W (out, in)}) equal the
     * model's, for a pre-norm model with sinusoidal positions (scaled embeddings) and untied output,
     * and a post-norm model with learned positions, classes and a tied output.
     */
    @Test
    void exportedArraysReproduceTheModelsLogits(@TempDir Path dir) throws Exception {
        ModelConfig sinusoidal = ModelConfig.of(13, 8, 2, 2, 12, 10);
        ModelConfig postTied = LEARNED.withNorm(NormPlacement.POST).withTiedOutput(true);
        for (ModelConfig c : List.of(sinusoidal, postTied)) {
            DecoderModel model = randomModel(c, 7);
            NpzExport.Written w = NpzExport.write(model, dir.resolve("m.npz"));
            JsonObject config = JsonParser.parseString(Files.readString(w.config())).getAsJsonObject();
            TorchStyleReference ref = new TorchStyleReference(readNpz(w.npz()), config);

            int batch = 2;
            int length = 9;
            Random rng = new Random(3);
            int[] in = new int[batch * length];
            for (int i = 0; i < in.length; i++) {
                in[i] = rng.nextInt(c.vocabSize());
            }
            int[] classes = c.conditionClasses() > 0 ? new int[] {2, 0} : null;
            model.forward(new Batch(in, in.clone(), batch, length, classes), false);
            Mat logits = model.logits();                                    // (B·L, V)
            for (int b = 0; b < batch; b++) {
                int[] seq = java.util.Arrays.copyOfRange(in, b * length, (b + 1) * length);
                double[][] expected = ref.logits(seq, classes == null ? -1 : classes[b]); // (L, V)
                for (int t = 0; t < length; t++) {
                    for (int v = 0; v < c.vocabSize(); v++) {
                        assertEquals(expected[t][v], logits.get(b * length + t, v), 2e-4,
                                c.norm() + " logit [" + b + ", " + t + ", " + v + "]");
                    }
                }
            }
        }
    }

    /** Opt-in ({@code -Dsuite.python=/usr/bin/python3}, with NumPy): NumPy reads the same arrays. */
    @Test
    @EnabledIfSystemProperty(named = "suite.python", matches = ".+")
    void numpyReadsTheSameArrays(@TempDir Path dir) throws Exception {
        DecoderModel model = randomModel(LEARNED, 8);
        Path npz = NpzExport.write(model, dir.resolve("m.npz")).npz();
        String script = "import sys, numpy as np\n"
                + "z = np.load(sys.argv[1])\n"
                + "for k in z.files:\n"
                + "    a = z[k]\n"
                + "    assert a.dtype == np.dtype('<f4'), (k, a.dtype)\n"
                + "    print(k, ','.join(map(str, a.shape)), repr(float(a.astype(np.float64).sum())))\n";
        Process p = new ProcessBuilder(System.getProperty("suite.python"), "-c", script, npz.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, Npy> plain = readNpz(npz);
        List<String> lines = out.lines().toList();
        assertEquals(plain.size(), lines.size(), out);
        int i = 0;
        for (Map.Entry<String, Npy> e : plain.entrySet()) {
            String[] f = lines.get(i++).split(" ");
            assertEquals(e.getKey(), f[0]);
            assertEquals(String.join(",", java.util.Arrays.stream(e.getValue().shape()).mapToObj(String::valueOf)
                    .toList()), f[1], e.getKey());
            double sum = 0;
            for (float v : e.getValue().values()) {
                sum += v;
            }
            assertEquals(sum, Double.parseDouble(f[2]), 1e-9 * (1 + Math.abs(sum)), e.getKey());
        }
    }

    @Test
    void configFileSitsBesideTheNpz() {
        assertEquals(Path.of("runs/a/best.config.json"), NpzExport.configPath(Path.of("runs/a/best.npz")));
        assertEquals(Path.of("weights.config.json"), NpzExport.configPath(Path.of("weights")));
    }

    @Test
    void unknownParametersAreABugNotASilentName() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> NpzExport.exportedName("block0.mystery"));
        assertTrue(e.getMessage().contains("block0.mystery"), e.getMessage());
        assertEquals("blocks.12.ff.fc2.weight", NpzExport.exportedName("block12.ffn.down.weight"));
    }

    // ---------------------------------------------------------------- readers written for this test

    /** Reads every {@code <name>.npy} entry of a zip, in entry order. */
    static Map<String, Npy> readNpz(Path file) throws IOException {
        Map<String, Npy> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                assertTrue(e.getName().endsWith(".npy"), "only arrays in the npz: " + e.getName());
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(e.getName().substring(0, e.getName().length() - 4), readNpy(in.readAllBytes()));
                }
            }
        }
        return out;
    }

    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\n");

    /** NPY 1.0, little-endian float32, C order: the only kind the export writes. */
    static Npy readNpy(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, magic);
        assertEquals(1, b.get(), "major version");
        assertEquals(0, b.get(), "minor version");
        int headerLength = Short.toUnsignedInt(b.getShort());
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes");
        Matcher m = HEADER.matcher(header);
        assertTrue(m.matches(), header);
        List<Integer> dims = new ArrayList<>();
        for (String d : m.group(1).split(",")) {
            if (!d.isBlank()) {
                dims.add(Integer.parseInt(d.trim()));
            }
        }
        assertFalse(dims.isEmpty(), header);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        int count = dims.stream().reduce(1, (x, y) -> x * y);
        assertEquals(10 + headerLength + 4 * count, bytes.length, "size of " + header.trim());
        float[] values = new float[count];
        b.position(10 + headerLength);
        b.asFloatBuffer().get(values);
        return new Npy(shape, values);
    }

    // ---------------------------------------------------------------- a PyTorch-style reference

    /**
     * A decoder written against the export's documented names and layouts only, as a PyTorch user
     * would: {@code nn.Linear} weights {@code (out, in)}, {@code nn.LayerNorm} with the file's
     * {@code layerNormEps}, token rows scaled by {@code tokenEmbeddingScale}, sinusoids
     * {@code PE(t, 2k) = sin(t / 10000^(2k/D))}, {@code PE(t, 2k+1) = cos(…)}; ReLU, full causal
     * attention.
     */
    private static final class TorchStyleReference {
        private final Map<String, Npy> w;
        private final int d;
        private final int heads;
        private final boolean preNorm;
        private final boolean sinusoidal;
        private final double scale;
        private final double eps;

        TorchStyleReference(Map<String, Npy> arrays, JsonObject config) {
            this.w = arrays;
            JsonObject model = config.getAsJsonObject("model");
            d = model.get("dModel").getAsInt();
            heads = model.get("heads").getAsInt();
            preNorm = model.get("norm").getAsString().equals("PRE");
            sinusoidal = model.getAsJsonObject("position").get("type").getAsString().equals("sinusoidal");
            scale = config.get("tokenEmbeddingScale").getAsDouble();
            eps = config.get("layerNormEps").getAsDouble();
        }

        double[][] logits(int[] tokens, int cls) {
            int length = tokens.length;
            Npy emb = w.get("tok_emb.weight");
            double[][] x = new double[length][d];                               // (L, D)
            for (int t = 0; t < length; t++) {
                for (int j = 0; j < d; j++) {
                    x[t][j] = scale * emb.at(tokens[t], j);
                    if (sinusoidal) {
                        double angle = t / Math.pow(10000.0, (j - j % 2) / (double) d);
                        x[t][j] += j % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                    } else {
                        x[t][j] += w.get("pos_emb.weight").at(t, j);
                    }
                    if (cls >= 0) {
                        x[t][j] += w.get("cls_emb.weight").at(cls, j);
                    }
                }
            }
            for (int i = 0; w.containsKey("blocks." + i + ".ln1.weight"); i++) {
                String n = "blocks." + i + ".";
                if (preNorm) {
                    x = add(x, attention(layerNorm(x, n + "ln1"), n));
                    x = add(x, feedForward(layerNorm(x, n + "ln2"), n));
                } else {
                    x = layerNorm(add(x, attention(x, n)), n + "ln1");
                    x = layerNorm(add(x, feedForward(x, n)), n + "ln2");
                }
            }
            if (preNorm) {
                x = layerNorm(x, "ln_f");
            }
            return w.containsKey("lm_head.weight") ? linear(x, "lm_head")
                    : linear(x, w.get("tok_emb.weight"), null);            // tied: h·Eᵀ
        }

        private double[][] attention(double[][] x, String n) {
            int length = x.length;
            int dh = d / heads;
            double[][] qkv = linear(x, n + "attn.qkv");                     // (L, 3D): q | k | v
            double[][] y = new double[length][d];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < length; i++) {
                    double[] p = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        for (int e = 0; e < dh; e++) {
                            p[j] += qkv[i][h * dh + e] * qkv[j][d + h * dh + e] / Math.sqrt(dh);
                        }
                        max = Math.max(max, p[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= i; j++) {
                        p[j] = Math.exp(p[j] - max);
                        z += p[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int e = 0; e < dh; e++) {
                            y[i][h * dh + e] += p[j] / z * qkv[j][2 * d + h * dh + e];
                        }
                    }
                }
            }
            return linear(y, n + "attn.proj");
        }

        private double[][] feedForward(double[][] x, String n) {
            double[][] hidden = linear(x, n + "ff.fc1");
            for (double[] row : hidden) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0, row[j]);
                }
            }
            return linear(hidden, n + "ff.fc2");
        }

        private double[][] linear(double[][] x, String module) {
            return linear(x, w.get(module + ".weight"), w.get(module + ".bias"));
        }

        /** {@code y = x·Wᵀ + b}, {@code W (out, in)}. */
        private static double[][] linear(double[][] x, Npy weight, Npy bias) {
            int out = weight.shape()[0];
            int in = weight.shape()[1];
            double[][] y = new double[x.length][out];
            for (int t = 0; t < x.length; t++) {
                for (int o = 0; o < out; o++) {
                    double s = bias == null ? 0 : bias.values()[o];
                    for (int i = 0; i < in; i++) {
                        s += x[t][i] * weight.at(o, i);
                    }
                    y[t][o] = s;
                }
            }
            return y;
        }

        private double[][] layerNorm(double[][] x, String module) {
            float[] gamma = w.get(module + ".weight").values();
            float[] beta = w.get(module + ".bias").values();
            double[][] y = new double[x.length][d];
            for (int t = 0; t < x.length; t++) {
                double mean = 0;
                for (double v : x[t]) {
                    mean += v / d;
                }
                double var = 0;
                for (double v : x[t]) {
                    var += (v - mean) * (v - mean) / d;
                }
                for (int j = 0; j < d; j++) {
                    y[t][j] = (x[t][j] - mean) / Math.sqrt(var + eps) * gamma[j] + beta[j];
                }
            }
            return y;
        }

        private static double[][] add(double[][] a, double[][] b) {
            double[][] y = new double[a.length][a[0].length];
            for (int t = 0; t < a.length; t++) {
                for (int j = 0; j < a[t].length; j++) {
                    y[t][j] = a[t][j] + b[t][j];
                }
            }
            return y;
        }
    }

    /** A float32 model whose every parameter is random, so a zero bias or a unit gain hides nothing. */
    private static DecoderModel randomModel(ModelConfig config, long seed) {
        DecoderModel m = new DecoderModel(config, Precision.FLOAT32, seed);
        Random rng = new Random(seed * 31 + 7);
        for (Param p : m.params().all()) {
            Mat v = p.value();
            for (int r = 0; r < v.rows(); r++) {
                for (int c = 0; c < v.cols(); c++) {
                    v.set(r, c, (p.name().endsWith(".gamma") ? 1 : 0) + 0.4 * rng.nextGaussian());
                }
            }
        }
        return m;
    }
}

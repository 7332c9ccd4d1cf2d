package org.attentionsuite.core.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.io.Npy;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.nn.LayerNorm;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.tensor.Mat;

/**
 * Exports a model's weights for other tools: a NumPy {@code .npz} (a zip of float32 little-endian
 * {@code .npy} arrays, one per parameter) with PyTorch-style names, and beside it a JSON file with
 * the model config. It reads the model only ({@link DecoderModel#params()} and its
 * {@link ModelConfig}), never a checkpoint file, so it does not depend on the checkpoint layout.
 *
 * <p>Names and shapes follow nanoGPT / PyTorch conventions ({@code V} vocabulary, {@code D} model
 * width, {@code F} feed-forward width, {@code K} classes, {@code L} max length, {@code Dh} head width,
 * {@code H} heads, {@code R} relative distances, block index {@code i}):
 *
 * <pre>
 * tok_emb.weight                 (V, D)    token embedding (scaled by tokenEmbeddingScale in forward)
 * cls_emb.weight                 (K, D)    class embedding, class-conditional models only
 * pos_emb.weight                 (L, D)    learned absolute positions (sinusoids are not parameters)
 * pos_emb.{row,column,channel}.weight      image positions: (height, D), (width, D), (channels, D)
 * blocks.i.ln1.{weight,bias}     (D,)      layer norm before (pre-norm) or after (post-norm) attention
 * blocks.i.attn.qkv.{weight,bias} (3D, D), (3D,)  q, k, v stacked in that order; head h at rows h·Dh
 * blocks.i.attn.rel_emb          (H·R, Dh) relative table, head h at rows [h·R, (h+1)·R); (R, Dh) when
 *                                          shared by all heads; row d is the distance query − key
 * blocks.i.attn.proj.{weight,bias} (D, D), (D,)
 * blocks.i.ln2.{weight,bias}     (D,)
 * blocks.i.ff.fc1.{weight,bias}  (F, D), (F,)
 * blocks.i.ff.fc2.{weight,bias}  (D, F), (D,)
 * ln_f.{weight,bias}             (D,)      final layer norm, pre-norm models only
 * lm_head.{weight,bias}          (V, D), (V,)  absent when the output is tied to tok_emb.weight
 * </pre>
 *
 * <p>Linear weights are in PyTorch's {@code (out, in)} layout ({@code y = x·Wᵀ + b}); the engine
 * stores them {@code (in, out)}, so they are transposed. Every parameter appears exactly once.
 */
public final class NpzExport {
    /** The format tag written into the config file. */
    public static final String FORMAT = "attention-suite-npz/1";

    /** How a stored {@code (rows, cols)} parameter becomes an exported array. */
    enum Layout {
        /** Exported as stored, {@code (rows, cols)}: embedding and relative tables. */
        TABLE,
        /** A stored {@code (1, n)} row becomes a vector {@code (n,)}: biases, layer-norm gains. */
        VECTOR,
        /** A Linear weight stored {@code (in, out)} becomes PyTorch's {@code (out, in)}. */
        TRANSPOSED
    }

    /** One naming rule: an internal parameter name pattern, its exported name ({@code $1} = group 1). */
    private record Rule(Pattern internal, String exported, Layout layout) {
        Rule(String internal, String exported, Layout layout) {
            this(Pattern.compile(internal), exported, layout);
        }
    }

    private static final String BLOCK = "block(\\d+)\\.";
    private static final List<Rule> RULES = List.of(
            new Rule("token", "tok_emb.weight", Layout.TABLE),
            new Rule("class", "cls_emb.weight", Layout.TABLE),
            new Rule("position", "pos_emb.weight", Layout.TABLE),
            new Rule("position\\.(row|column|channel)", "pos_emb.$1.weight", Layout.TABLE),
            new Rule(BLOCK + "(ln1|ln2)\\.gamma", "blocks.$1.$2.weight", Layout.VECTOR),
            new Rule(BLOCK + "(ln1|ln2)\\.beta", "blocks.$1.$2.bias", Layout.VECTOR),
            new Rule(BLOCK + "(qkv|proj)\\.weight", "blocks.$1.attn.$2.weight", Layout.TRANSPOSED),
            new Rule(BLOCK + "(qkv|proj)\\.bias", "blocks.$1.attn.$2.bias", Layout.VECTOR),
            new Rule(BLOCK + "attn\\.relative", "blocks.$1.attn.rel_emb", Layout.TABLE),
            new Rule(BLOCK + "ffn\\.up\\.weight", "blocks.$1.ff.fc1.weight", Layout.TRANSPOSED),
            new Rule(BLOCK + "ffn\\.up\\.bias", "blocks.$1.ff.fc1.bias", Layout.VECTOR),
            new Rule(BLOCK + "ffn\\.down\\.weight", "blocks.$1.ff.fc2.weight", Layout.TRANSPOSED),
            new Rule(BLOCK + "ffn\\.down\\.bias", "blocks.$1.ff.fc2.bias", Layout.VECTOR),
            new Rule("final\\.ln\\.gamma", "ln_f.weight", Layout.VECTOR),
            new Rule("final\\.ln\\.beta", "ln_f.bias", Layout.VECTOR),
            new Rule("output\\.weight", "lm_head.weight", Layout.TRANSPOSED),
            new Rule("output\\.bias", "lm_head.bias", Layout.VECTOR));

    private NpzExport() {
    }

    /** An exported array: its shape and its float32 values in row-major order. */
    public record Array(int[] shape, float[] values) {
    }

    /**
     * What the config file holds: the model config, with the constants a reimplementation needs that
     * the config does not spell out.
     *
     * @param format               {@link #FORMAT}
     * @param suiteVersion         the suite version that exported it
     * @param parameterCount       the model's parameter count (the sum of the arrays' sizes)
     * @param tokenEmbeddingScale  the factor on {@code tok_emb} rows in the forward pass ({@code √D}
     *                             with sinusoidal positions, else 1)
     * @param layerNormEps         the {@code ε} of every layer norm
     * @param model                the model config, as in checkpoints
     */
    public record Config(String format, String suiteVersion, int parameterCount, double tokenEmbeddingScale,
            double layerNormEps, ModelConfig model) {
    }

    /** Where {@link #write} put the files. */
    public record Written(Path npz, Path config, int arrays, int parameterCount) {
    }

    /**
     * The exported name of an internal parameter name (e.g. {@code block0.ffn.up.weight} →
     * {@code blocks.0.ff.fc1.weight}).
     *
     * @throws IllegalStateException for a parameter with no rule (a new layer needs one)
     */
    public static String exportedName(String internal) {
        return rule(internal).exported;
    }

    /** The model's parameters as exported arrays, by exported name, in registration order. */
    public static Map<String, Array> arrays(DecoderModel model) {
        Map<String, Array> out = new LinkedHashMap<>();
        for (Param p : model.params().all()) {
            Rule r = rule(p.name());
            if (out.put(r.exported, convert(p.value(), r.layout)) != null) {
                throw new IllegalStateException("two parameters export as " + r.exported);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The config file's content for {@code model}. */
    public static Config config(DecoderModel model) {
        ModelConfig c = model.config();
        return new Config(FORMAT, SuiteVersion.get(), model.parameterCount(),
                c.position().tokenEmbeddingScale(c.dModel()), LayerNorm.EPS, c);
    }

    /**
     * The config file written beside {@code npz}: its name with {@code .npz} replaced by
     * {@code .config.json} ({@code best.npz} → {@code best.config.json}).
     */
    public static Path configPath(Path npz) {
        String name = npz.getFileName().toString();
        String stem = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(stem + ".config.json");
    }

    /** Writes {@code npz} and its {@link #configPath config file}, each atomically. */
    public static Written write(DecoderModel model, Path npz) {
        Map<String, Array> arrays = arrays(model);
        AtomicFiles.write(npz, os -> {
            ZipOutputStream zip = new ZipOutputStream(os);
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                putStored(zip, e.getKey() + ".npy", Npy.float32(e.getValue().shape, e.getValue().values));
            }
            zip.finish();
        });
        Path config = configPath(npz);
        AtomicFiles.write(config, (Json.gson().toJson(config(model)) + "\n").getBytes(StandardCharsets.UTF_8));
        return new Written(npz, config, arrays.size(), model.parameterCount());
    }

    /** The rule for {@code internal}, with its exported name resolved ({@code $1} substituted). */
    private static Rule rule(String internal) {
        for (Rule r : RULES) {
            Matcher m = r.internal.matcher(internal);
            if (m.matches()) {
                return new Rule(r.internal, m.replaceFirst(r.exported), r.layout);
            }
        }
        throw new IllegalStateException("parameter " + internal + " has no exported name; add a rule to NpzExport");
    }

    private static Array convert(Mat v, Layout layout) {
        int rows = v.rows();
        int cols = v.cols();
        if (layout == Layout.VECTOR && rows != 1) {
            throw new IllegalStateException("a vector parameter has " + rows + " rows");
        }
        boolean transpose = layout == Layout.TRANSPOSED;
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[transpose ? c * rows + r : r * cols + c] = (float) v.get(r, c); // W (in, out) → Wᵀ (out, in)
            }
        }
        int[] shape = switch (layout) {
            case TABLE -> new int[] {rows, cols};
            case VECTOR -> new int[] {cols};
            case TRANSPOSED -> new int[] {cols, rows};
        };
        return new Array(shape, out);
    }

    /** Adds an uncompressed entry, as {@code numpy.savez} writes them. */
    private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }
}

package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.music.attention.RelativeAttention;
import org.attentionsuite.music.attention.RelativeLocalAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suite export}, {@code suite completion} and {@code suite --version} through the command
 * line, with the models of every module: each attention variant's and position scheme's parameters
 * get a name, and the arrays hold exactly the model's parameters.
 */
class ExportCommandTest {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    @Test
    void everyVariantsCheckpointExportsAllItsParameters(@TempDir Path dir) throws IOException {
        int d = 16;
        int heads = 2;
        // each config with the rows its relative table must have (H·R per head, R shared; 0: none)
        record Case(ModelConfig config, int relativeRows) {
        }
        List<Case> cases = List.of(
                new Case(ImageModels.config(4, 4, 1, ImageAttention.LOCAL2D, new ModelSize(d, heads, 1, 0.0), true), 0),
                new Case(ImageModels.config(4, 4, 3, ImageAttention.LOCAL1D, new ModelSize(d, heads, 1, 0.0), false), 0),
                new Case(music(new RelativeAttention.Spec(0, false)), heads * 32),     // R = maxLength
                new Case(music(new RelativeAttention.Spec(8, true)), 8),
                new Case(music(new RelativeLocalAttention.Spec(8, 16, false)), heads * 16),
                new Case(music(new RelativeAttention.Spec(12, false, RelativeAttention.Computation.PAIRWISE)), heads * 12));
        for (int k = 0; k < cases.size(); k++) {
            ModelConfig c = cases.get(k).config();
            DecoderModel model = new DecoderModel(c, Precision.FLOAT32, k);
            Path ckpt = dir.resolve("m" + k + ".ckpt");
            TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), k), "x"),
                    ckpt, new Checkpoint.RunRecord(new TokenScheme.Plain(c.vocabSize()), "test", null));
            assertEquals(0, SuiteCli.run("export", ckpt.toString(), "--format", "npz"), c.attention().label());

            Map<String, int[]> shapes = shapes(dir.resolve("m" + k + ".npz"));
            int total = shapes.values().stream().mapToInt(s -> java.util.Arrays.stream(s).reduce(1, (a, b) -> a * b))
                    .sum();
            assertEquals(model.parameterCount(), total, c.attention().label());
            assertEquals(List.of(c.vocabSize(), d), list(shapes.get("tok_emb.weight")));
            assertEquals(List.of(3 * d, d), list(shapes.get("blocks.0.attn.qkv.weight")), "(out, in)");
            assertEquals(List.of(c.vocabSize(), d), list(shapes.get("lm_head.weight")), "(out, in)");
            assertTrue(Files.isRegularFile(dir.resolve("m" + k + ".config.json")));
            if (cases.get(k).relativeRows() > 0) {
                assertEquals(List.of(cases.get(k).relativeRows(), d / heads), list(shapes.get("blocks.0.attn.rel_emb")),
                        c.attention().label());
            } else {
                assertEquals(List.of(4, d), list(shapes.get("pos_emb.row.weight")));
                assertEquals(List.of(4, d), list(shapes.get("pos_emb.column.weight")));
            }
        }
    }

    @Test
    void exportWritesWhereAskedAndRejectsBadInput(@TempDir Path dir) throws IOException {
        DecoderModel model = new DecoderModel(ModelConfig.of(11, 8, 2, 1, 16, 12), Precision.FLOAT32, 1);
        Path ckpt = dir.resolve("best.ckpt");
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "x"),
                ckpt, new Checkpoint.RunRecord(new TokenScheme.Plain(11), "test", null));
        Path out = dir.resolve("sub/weights.npz");
        assertEquals(0, SuiteCli.run("export", ckpt.toString(), "--out", out.toString()));
        assertTrue(Files.isRegularFile(out));
        assertTrue(Files.isRegularFile(dir.resolve("sub/weights.config.json")));
        assertEquals(dir.resolve("best.npz"), ExportCommand.defaultOut(ckpt));
        assertEquals(2, SuiteCli.run("export", dir.resolve("nope.ckpt").toString()), "missing checkpoint");
        assertEquals(2, SuiteCli.run("export", ckpt.toString(), "--format", "onnx"), "unknown format");
    }

    @Test
    void versionIsTheBuildsAndCompletionCoversTheCommands() {
        String version = captureOut("--version");
        assertTrue(version.startsWith("attention-suite " + SuiteVersion.get() + "\n"), version);
        assertTrue(!SuiteVersion.get().equals("unknown"), "the build filtered suite-version.properties");

        String script = captureOut("completion");
        assertTrue(script.contains("complete -F"), "a bash completion function is registered");
        for (String word : List.of("export", "completion", "image", "music", "--format", "--checkpoint")) {
            assertTrue(script.contains(word), "the script completes " + word);
        }
    }

    private static String captureOut(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, SuiteCli.run(args));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ModelConfig music(AttentionSpec attention) {
        return ModelConfig.of(20, 16, 2, 1, 32, 32).withPosition(new Positions.None()).withAttention(attention);
    }

    private static List<Integer> list(int[] shape) {
        return java.util.Arrays.stream(shape).boxed().toList();
    }

    /** Each entry's shape, from its NPY header; the data size must match it. */
    private static Map<String, int[]> shapes(Path npz) throws IOException {
        Map<String, int[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                int headerLength = Short.toUnsignedInt(ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN)
                        .getShort());
                Matcher m = SHAPE.matcher(new String(bytes, 10, headerLength, StandardCharsets.US_ASCII));
                assertTrue(m.find(), e.getName());
                int[] shape = java.util.Arrays.stream(m.group(1).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
                int count = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                assertEquals(10 + headerLength + 4L * count, bytes.length, e.getName());
                out.put(e.getName().substring(0, e.getName().length() - ".npy".length()), shape);
            }
        }
        return out;
    }
}

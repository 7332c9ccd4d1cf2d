package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.model.ImageModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite image ...} on bad input: one {@code error:} line and exit code 2, nothing written. */
class ImageCommandTest {
    @TempDir
    Path dir;

    /** An untrained 4x4 gray model (d 16, one layer); {@code conditional} adds 10 classes. */
    private Path checkpoint(boolean conditional) {
        DecoderModel model = new DecoderModel(ImageModels.config(4, 4, 1, new FullCausalAttention.Spec(),
                new ModelSize(16, 2, 1, 0.0), conditional), Precision.FLOAT32, 1);
        Path file = dir.resolve(conditional ? "conditional.ckpt" : "plain.ckpt");
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "test"),
                file, new Checkpoint.RunRecord(ImageModels.tokens(model.config(), ClassNames.UNKNOWN),
                        "ImageCommandTest", null));
        return file;
    }

    /** Runs the CLI; returns the exit code and what it printed on standard error. */
    private static Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SuiteCli.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(saved);
        }
    }

    private record Run(int code, String err) {
    }

    @Test
    void sampleRefusesAClassOutsideTheModelsRange() {
        Path conditional = checkpoint(true);
        Path out = dir.resolve("samples");
        for (String c : new String[] {"-1", "10"}) {
            Run r = run("image", "sample", "--checkpoint", conditional.toString(), "--count", "1", "--class", c,
                    "--out", out.toString());
            assertEquals(new Run(2, "error: --class (" + c + ") must be in 0..9"), r);
        }
        Run plain = run("image", "sample", "--checkpoint", checkpoint(false).toString(), "--count", "1", "--class",
                "-1", "--out", out.toString());
        assertEquals(new Run(2, "error: this model is not class-conditional; drop --class"), plain);
        assertFalse(Files.exists(out));
    }

    /** A single picture given as {@code --data} is a one-image set: it can be completed, not trained on. */
    @Test
    void aSinglePictureCanBeCompleted() throws IOException {
        BufferedImage picture = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                picture.getRaster().setSample(c, r, 0, 60 * r + 10 * c);
            }
        }
        Path icon = dir.resolve("icon.png");
        PngFiles.write(picture, icon);
        Path out = dir.resolve("completed");
        Run complete = run("image", "complete", "--checkpoint", checkpoint(false).toString(), "--data",
                icon.toString(), "--out", out.toString());
        assertEquals(0, complete.code(), complete.err());
        BufferedImage grid = PngFiles.read(out.resolve("completions.png"));
        int scale = 28;                                             // 4 px * 28 = 112
        assertEquals(2 * 4 * scale + 2, grid.getHeight());          // the picture, then its completion
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(60 * r + 10 * c, grid.getRaster().getSample(c * scale, r * scale, 0));
            }
        }
        Run train = run("image", "train", "--data", icon.toString(), "--size", "4", "--attention", "full",
                "--steps", "1", "--out", dir.resolve("trained").toString());
        assertEquals(2, train.code());
        assertTrue(train.err().startsWith("error: ") && !train.err().contains("\n"), train.err());
    }

    @Test
    void anUnknownScheduleIsOneLineAndNothingIsWritten() {
        Path out = dir.resolve("scheduled");
        Run r = run("image", "train", "--schedule", "linear", "--steps", "1", "--out", out.toString());
        assertEquals(new Run(2, "error: --schedule 'linear' is unknown (known: default, cosine, inverse-sqrt)"), r);
        assertFalse(Files.exists(out));
    }

    /** Every PNG of {@code image sample} and {@code image complete} says what made it. */
    @Test
    void everyWrittenPngCarriesTheCommandTheCheckpointAndTheSeed() throws IOException {
        Path checkpoint = checkpoint(true);
        Path samples = dir.resolve("my samples");
        Run sample = run("image", "sample", "--checkpoint", checkpoint.toString(), "--count", "2", "--seed", "7",
                "--out", samples.toString());
        assertEquals(0, sample.code(), sample.err());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Software", "attention-suite");
        expected.put("Command", "./suite image sample --checkpoint " + checkpoint + " --count 2 --seed 7 --out '"
                + samples + "'");
        expected.put("Checkpoint", checkpoint.toAbsolutePath().normalize().toString());
        expected.put("Seed", "7");
        for (String name : new String[] {"samples.png", "sample-000.png", "sample-001.png"}) {
            assertEquals(expected, PngFiles.readText(samples.resolve(name)), name);
        }
        Path completions = dir.resolve("completions");
        Run complete = run("image", "complete", "--checkpoint", checkpoint.toString(), "--count", "2", "--out",
                completions.toString());
        assertEquals(0, complete.code(), complete.err());
        expected.put("Command", "./suite image complete --checkpoint " + checkpoint + " --count 2 --out " + completions);
        expected.put("Seed", "1");
        assertEquals(expected, PngFiles.readText(completions.resolve("completions.png")));
    }
}

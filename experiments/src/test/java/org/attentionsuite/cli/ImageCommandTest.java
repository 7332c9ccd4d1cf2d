package org.attentionsuite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ModelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite image ...} on bad input: one {@code error:} line and exit code 2, nothing written. */
class ImageCommandTest {
    @TempDir
    Path dir;

    /** An untrained 4x4 gray model (d 16, one layer); {@code conditional} adds 10 classes. */
    private Path checkpoint(boolean conditional) {
        DecoderModel model = new DecoderModel(ImageModels.config(4, 4, 1, new FullCausalAttention.Spec(),
                new ModelSize(16, 2, 1), conditional), Precision.FLOAT32, 1);
        Path file = dir.resolve(conditional ? "conditional.ckpt" : "plain.ckpt");
        Checkpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "test"),
                file, "ImageCommandTest");
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
}

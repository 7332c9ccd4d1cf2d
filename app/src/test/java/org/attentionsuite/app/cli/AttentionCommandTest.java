package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.data.ClassNames;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.model.MusicModels;
import org.attentionsuite.music.model.MusicTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code suite attention}: the explorer's pictures from the command line, and one line for a mistake. */
class AttentionCommandTest {
    @TempDir
    Path dir;

    private Path save(DecoderModel model, org.attentionsuite.core.model.TokenScheme tokens, String name) {
        Path file = dir.resolve(name);
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 1), "test"),
                file, new Checkpoint.RunRecord(tokens, "AttentionCommandTest", null));
        return file;
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        PrintStream saved = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return SuiteCli.run(args);
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void writesThePictureOfAPixelAndOfAToken() throws IOException {
        DecoderModel image = new DecoderModel(ImageModels.config(8, 8, 1, new LocalAttention2d.Spec(8, 8, 1, 4, 4, 2, 2),
                new ModelSize(16, 2, 1, 0.0), true), Precision.FLOAT32, 1);
        Path ckpt = save(image, ImageModels.tokens(image.config(), ClassNames.FASHION_MNIST), "image.ckpt");
        Path out = dir.resolve("pixel.png");
        assertEquals(0, run(new ByteArrayOutputStream(), "attention", "--checkpoint", ckpt.toString(), "--pixel",
                "5,6", "--out", out.toString()));
        assertEquals(6 + 3 * (112 + 6), PngFiles.read(out).getWidth(), "two heads and their mean");
        assertTrue(PngFiles.readText(out).get("Command").startsWith("./suite attention --checkpoint "));

        DecoderModel music = new DecoderModel(MusicModels.chorales(MusicAttention.RELATIVE, new ModelSize(16, 2, 1, 0.0),
                64), Precision.FLOAT32, 2);
        Path chorales = save(music, MusicTokens.of(MusicEncoding.CHORALE), "music.ckpt");
        Path roll = dir.resolve("token.png");
        assertEquals(0, run(new ByteArrayOutputStream(), "attention", "--checkpoint", chorales.toString(), "--tokens",
                "33", "--position", "20", "--out", roll.toString()));
        assertTrue(Files.size(roll) > 0);
    }

    /** A 4x4 gray image model without classes. */
    private Path plainImageModel() {
        DecoderModel image = new DecoderModel(ImageModels.config(4, 4, 1, new LocalAttention2d.Spec(4, 4, 1, 2, 2, 1, 1),
                new ModelSize(16, 2, 1, 0.0), false), Precision.FLOAT32, 1);
        return save(image, ImageModels.tokens(image.config(), ClassNames.UNKNOWN), "plain.ckpt");
    }

    @Test
    void aMissingPixelIsOneLine() {
        Path ckpt = plainImageModel();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path out = dir.resolve("none.png");
        assertEquals(2, run(err, "attention", "--checkpoint", ckpt.toString(), "--out", out.toString()));
        assertEquals("error: give the query pixel of an image model: --pixel ROW,COL",
                err.toString(StandardCharsets.UTF_8).strip());
        assertEquals(2, run(new ByteArrayOutputStream(), "attention", "--checkpoint", ckpt.toString(), "--pixel", "4,0",
                "--out", out.toString()));
        assertFalse(Files.exists(out));
    }

    @Test
    void aPixelTooLargeForANumberIsOneLine() {
        Path ckpt = plainImageModel();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path out = dir.resolve("none.png");
        assertEquals(2, run(err, "attention", "--checkpoint", ckpt.toString(), "--pixel", "99999999999,1", "--out",
                out.toString()));
        assertEquals("error: --pixel '99999999999,1' must be ROW,COL of a pixel of the 4x4x1 image (0-based)",
                err.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void moreTokensThanTheModelsWindowAreRefusedBeforeAnyIsSampled() {
        DecoderModel music = new DecoderModel(MusicModels.chorales(MusicAttention.RELATIVE, new ModelSize(16, 2, 1, 0.0),
                64), Precision.FLOAT32, 2);
        Path chorales = save(music, MusicTokens.of(MusicEncoding.CHORALE), "music.ckpt");
        Path out = dir.resolve("none.png");
        for (String tokens : new String[] {"65", "100000000"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(2, run(err, "attention", "--checkpoint", chorales.toString(), "--tokens", tokens, "--out",
                    out.toString()));
            assertEquals("error: --tokens (" + tokens + ") is more than the model's window (64)",
                    err.toString(StandardCharsets.UTF_8).strip());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void readsTheImagesAsTheOtherCommandsDo() {
        Path ckpt = plainImageModel();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(err, "attention", "--checkpoint", ckpt.toString(), "--pixel", "1,1", "--format", "idx",
                "--out", dir.resolve("none.png").toString()));
        assertEquals("error: --format applies to a path, not to the bundled data",
                err.toString(StandardCharsets.UTF_8).strip(), "--data and --format as image complete takes them");
    }
}

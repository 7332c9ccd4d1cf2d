package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.app.models.ModelCard;
import org.attentionsuite.app.models.ModelManifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** {@code models pack} turns a recipe's run into a shipped model with its scores recorded. */
class ModelsCommandTest {
    @TempDir
    Path home;

    private String savedHome;

    @BeforeEach
    void suiteHome() throws IOException {
        savedHome = System.getProperty(SuiteHome.PROPERTY);
        System.setProperty(SuiteHome.PROPERTY, home.toString());
        Files.createDirectories(home.resolve("recipes"));
        Files.writeString(home.resolve("recipes/tiny.json"), """
                {"data": "bundled", "size": 8, "limit": 200, "validation": 40, "test": 40, "attention": "local2d",
                 "d-model": 16, "heads": 2, "layers": 1, "batch": 4, "steps": 10, "eval-every": 10}
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("recipes/wider.json"), """
                {"data": "bundled", "size": 8, "limit": 200, "validation": 40, "test": 40, "attention": "local2d",
                 "d-model": 32, "heads": 2, "layers": 1, "batch": 4, "steps": 10, "eval-every": 10}
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("recipes/resplit.json"), """
                {"data": "bundled", "size": 8, "limit": 200, "validation": 40, "test": 40, "split-seed": 7,
                 "attention": "local2d", "d-model": 16, "heads": 2, "layers": 1, "batch": 4, "steps": 10,
                 "eval-every": 10}
                """, StandardCharsets.UTF_8);
    }

    @AfterEach
    void restore() {
        if (savedHome == null) {
            System.clearProperty(SuiteHome.PROPERTY);
        } else {
            System.setProperty(SuiteHome.PROPERTY, savedHome);
        }
    }

    @Test
    void packRecordsTheModelAndItsScoresAndTheShippedModelCheckCatchesAChange() throws IOException {
        Path run = home.resolve("runs/tiny");
        assertEquals(0, TrainCommandsTest.run("image", "train", "--recipe", "tiny", "--out", run.toString()).code());
        TrainCommandsTest.Run pack = TrainCommandsTest.run("models", "pack", "--checkpoint",
                run.resolve("best.ckpt").toString(), "--recipe", "tiny", "--float16", "--slice", "16", "--",
                "--data", "bundled", "--split", "test");
        assertEquals(0, pack.code(), pack.err());

        Path models = home.resolve("models");
        ModelCard card = ModelManifest.read(models).get("tiny");
        assertEquals("tiny.ckpt", card.file());
        assertEquals("float16", card.dtype());
        assertEquals(10, card.steps());
        assertEquals(List.of("--data", "bundled", "--split", "valid"), card.validation().args());
        assertEquals(List.of("--data", "bundled", "--split", "test"), card.test().args());
        assertEquals(List.of("--data", "bundled", "--split", "test", "--limit", "16"), card.slice().args());
        assertEquals(40 * 64, card.test().targets(), "the 40 test images of 8x8x1");
        assertEquals(16 * 64, card.slice().targets(), "16 images of 8x8x1");
        List<MetricsLog.Entry> evals = MetricsLog.read(run.resolve(MetricsLog.FILE)).stream()
                .filter(MetricsLog.Entry::isEval).toList();
        assertEquals(evals.get(evals.size() - 1).value(), card.bestValidation(), 1e-9);
        assertEquals(card.bestValidation(), card.validation().value(), 2e-3, "the validation images, float16 weights");
        String readme = Files.readString(models.resolve(ModelManifest.README));
        assertTrue(readme.contains("| `tiny` |") && readme.contains("Not run yet: `nice -n 10 ./suite models verify`"),
                readme);
        assertTrue(!Checkpoint.load(models.resolve("tiny.ckpt"), Precision.FLOAT32).resumable(), "weights only");

        ShippedModelsTest.check(models);
        String json = Files.readString(models.resolve(ModelManifest.FILE));
        String changed = json.replace(String.format(java.util.Locale.ROOT, "\"value\": %s", card.slice().value()),
                "\"value\": " + (card.slice().value() + 0.01));
        assertTrue(!changed.equals(json));
        Files.writeString(models.resolve(ModelManifest.FILE), changed);
        assertThrows(AssertionFailedError.class, () -> ShippedModelsTest.check(models), "a changed score is caught");
        Files.writeString(models.resolve(ModelManifest.FILE), json.replaceFirst("\"test\": \\{", "\"untested\": {"));
        TrainCommandsTest.Run untested = TrainCommandsTest.run("models", "verify");
        assertEquals(2, untested.code());
        assertEquals("error: " + models.resolve(ModelManifest.FILE) + ": model tiny records no validation, test or "
                + "slice score; pack it again with ./suite models pack", untested.err().strip());

        TrainCommandsTest.Run wrong = TrainCommandsTest.run("models", "pack", "--checkpoint",
                run.resolve("best.ckpt").toString(), "--recipe", "wider", "--", "--data", "bundled", "--split", "test");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("not the model of recipe wider"), wrong.err());
    }

    @Test
    void packRefusesARunWhoseDataSplitIsNotItsRecipesAndAValidationSplitAsTheTest() throws IOException {
        Path run = home.resolve("runs/tiny");
        assertEquals(0, TrainCommandsTest.run("image", "train", "--recipe", "tiny", "--steps", "2", "--eval-every",
                "2", "--out", run.toString()).code());
        TrainCommandsTest.Run resplit = TrainCommandsTest.run("models", "pack", "--checkpoint",
                run.resolve("best.ckpt").toString(), "--recipe", "resplit", "--", "--data", "bundled", "--split",
                "test");
        assertEquals(2, resplit.code());
        assertTrue(resplit.err().contains("was not trained on the data split of recipe resplit (--split-seed 2018 "
                + "instead of 7)"), resplit.err());
        Path other = home.resolve("runs/other");
        assertEquals(0, TrainCommandsTest.run("image", "train", "--recipe", "tiny", "--validation", "20", "--steps", "2",
                "--eval-every", "2", "--out", other.toString()).code());
        TrainCommandsTest.Run validation = TrainCommandsTest.run("models", "pack", "--checkpoint",
                other.resolve("best.ckpt").toString(), "--recipe", "tiny", "--", "--data", "bundled", "--split",
                "test");
        assertEquals(2, validation.code());
        assertTrue(validation.err().contains("(--validation 20 instead of 40)"), validation.err());
        TrainCommandsTest.Run notATest = TrainCommandsTest.run("models", "pack", "--checkpoint",
                run.resolve("best.ckpt").toString(), "--recipe", "tiny", "--", "--data", "bundled", "--split", "valid");
        assertEquals(2, notATest.code());
        assertTrue(notATest.err().contains("--split valid is not"), notATest.err());
        assertFalse(Files.exists(home.resolve("models").resolve("tiny.ckpt")), "nothing packed");
    }
}

package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                {"data": "bundled", "size": 8, "limit": 200, "validation": 40, "attention": "local2d",
                 "d-model": 16, "heads": 2, "layers": 1, "batch": 4, "steps": 10, "eval-every": 10}
                """, StandardCharsets.UTF_8);
        Files.writeString(home.resolve("recipes/wider.json"), """
                {"data": "bundled", "size": 8, "limit": 200, "validation": 40, "attention": "local2d",
                 "d-model": 32, "heads": 2, "layers": 1, "batch": 4, "steps": 10, "eval-every": 10}
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
                "--data", "bundled", "--held-out");
        assertEquals(0, pack.code(), pack.err());

        Path models = home.resolve("models");
        ModelCard card = ModelManifest.read(models).get("tiny");
        assertEquals("tiny.ckpt", card.file());
        assertEquals("float16", card.dtype());
        assertEquals(10, card.steps());
        assertEquals(List.of("--data", "bundled", "--held-out", "--limit", "16"), card.slice().args());
        assertEquals(16 * 64, card.slice().targets(), "16 images of 8x8x1");
        List<MetricsLog.Entry> evals = MetricsLog.read(run.resolve(MetricsLog.FILE)).stream()
                .filter(MetricsLog.Entry::isEval).toList();
        assertEquals(evals.get(evals.size() - 1).value(), card.bestValidation(), 1e-9);
        assertEquals(card.bestValidation(), card.test().value(), 2e-3, "the held-out images, float16 weights");
        assertTrue(Files.readString(models.resolve(ModelManifest.README)).contains("| `tiny` |"));
        assertTrue(!Checkpoint.load(models.resolve("tiny.ckpt"), Precision.FLOAT32).resumable(), "weights only");

        ShippedModelsTest.check(models);
        String json = Files.readString(models.resolve(ModelManifest.FILE));
        String changed = json.replace(String.format(java.util.Locale.ROOT, "\"value\": %s", card.slice().value()),
                "\"value\": " + (card.slice().value() + 0.01));
        assertTrue(!changed.equals(json));
        Files.writeString(models.resolve(ModelManifest.FILE), changed);
        assertThrows(AssertionFailedError.class, () -> ShippedModelsTest.check(models), "a changed score is caught");

        TrainCommandsTest.Run wrong = TrainCommandsTest.run("models", "pack", "--checkpoint",
                run.resolve("best.ckpt").toString(), "--recipe", "wider", "--", "--data", "bundled");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("not the model of recipe wider"), wrong.err());
    }
}

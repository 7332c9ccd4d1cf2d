package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.experiments.quality.Comparison;
import org.attentionsuite.experiments.quality.ComparisonPreset;
import org.attentionsuite.experiments.quality.TestPresets;
import org.attentionsuite.image.train.ImageTraining;
import org.attentionsuite.image.train.ImageTrainingOptions;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An arm of {@code compare} is the run a user gets from {@code image train} / {@code music train}
 * with the same settings: the same options, the same model config, the same losses.
 */
class CompareArmsTest {
    static final ComparisonPreset TINY = TestPresets.tiny(4, 2, 3);

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theLocal2dArmOfCompareImagesIsImageTrainWithTheSameFlags(@TempDir Path dir) {
        Comparison.Images images = new Comparison.Images(TINY);
        ImageTrainingOptions arm = images.options(images.arm("local2d"), 1, dir.resolve("arm"));
        ImageTrainingOptions user = parse(new ImageCommand.Train(), "--data", "bundled", "--size", "28",
                "--attention", "local2d", "--d-model", "16", "--heads", "2", "--layers", "1", "--dropout", "0",
                "--batch", "2", "--lr", "3e-3", "--schedule", "inverse-sqrt", "--steps", "4", "--eval-every", "2", "--patience", "3", "--seed", "1",
                "--limit", "1800", "--validation", "180", "--out", dir.resolve("user").toString()).options();
        assertEquals(arm.modelConfig(), user.modelConfig());
        assertEquals(arm.tokens(), user.tokens());
        assertEquals(arm.training(), user.training());
        assertEquals(arm.split(), user.split());
        TrainingResult a = ImageTraining.train(arm, quiet, List.of());
        TrainingResult u = ImageTraining.train(user, quiet, List.of());
        assertEquals(a.evaluations().get(0).loss(), u.evaluations().get(0).loss(), 0.0, "the same first losses");
        assertEquals(a.bestValidationLoss(), u.bestValidationLoss(), 0.0);
    }

    @Test
    void theRelativeArmOfCompareChoralesIsMusicTrainWithTheSameFlags(@TempDir Path dir) {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        MusicTrainingOptions arm = chorales.options(chorales.arm("relative"), 2, dir.resolve("arm"));
        MusicTrainingOptions user = parse(new MusicCommand.Train(), "--chorales", "bundled", "--attention", "relative",
                "--length", "32", "--d-model", "16", "--heads", "2", "--layers", "1", "--dropout", "0.1", "--batch",
                "2", "--lr", "1e-3", "--schedule", "inverse-sqrt", "--warmup", "1", "--steps", "4", "--eval-every", "2", "--patience", "3", "--seed", "2",
                "--out",
                dir.resolve("user").toString()).options();
        assertEquals(arm.modelConfig(), user.modelConfig());
        assertEquals(arm.tokens(), user.tokens());
        assertEquals(arm.training(), user.training());
        TrainingResult a = MusicTraining.train(arm, quiet, List.of());
        TrainingResult u = MusicTraining.train(user, quiet, List.of());
        assertEquals(a.evaluations().get(0).loss(), u.evaluations().get(0).loss(), 0.0, "the same first losses");
    }

    @Test
    void theParameterMatchedArmIsMusicTrainWithAWiderFeedForwardLayer(@TempDir Path dir) {
        Comparison.Chorales chorales = new Comparison.Chorales(TINY, new MusicSource.BundledChorales());
        Comparison.Arm matched = chorales.arm(Comparison.Chorales.MATCHED);
        MusicTrainingOptions arm = chorales.options(matched, 1, dir.resolve("arm"));
        MusicTrainingOptions user = parse(new MusicCommand.Train(), "--chorales", "bundled", "--attention", "absolute",
                "--length", "32", "--d-model", "16", "--heads", "2", "--layers", "1", "--dropout", "0.1",
                "--d-ff", String.valueOf(matched.size().ffnDim()), "--batch", "2", "--lr", "1e-3", "--schedule",
                "inverse-sqrt", "--warmup", "1", "--steps", "4", "--eval-every", "2", "--patience", "3", "--seed", "1",
                "--out", dir.resolve("user").toString()).options();
        assertEquals(arm.modelConfig(), user.modelConfig());
        assertEquals(arm.training(), user.training());
    }

    @Test
    void eachRunTrainsOnItsWorkersTheCoresSharedByTheJobsUnlessGiven() {
        int cores = Runtime.getRuntime().availableProcessors();
        CompareCommand given = parse(new CompareCommand(), "chorales", "--jobs", "1", "--workers", "2");
        assertEquals(2, given.workers(given.jobs()).count());
        CompareCommand shared = parse(new CompareCommand(), "chorales", "--jobs", "2");
        assertEquals(Math.max(1, cores / 2), shared.workers(shared.jobs()).count());
        CompareCommand defaults = parse(new CompareCommand(), "chorales");
        assertEquals(1, defaults.workers(defaults.jobs()).count(), "a run per core, a worker each");
        TrainCommandsTest.Run bad = TrainCommandsTest.run("compare", "chorales", "--workers", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("error: --workers (0) must be at least 1"), bad.err());
    }
}

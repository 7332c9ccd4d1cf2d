package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.attentionsuite.app.demo.ShippedDemo;
import org.attentionsuite.app.models.ModelManifest;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.attentionsuite.music.train.PieceSplit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's claims about the shipped models hold. */
class ShippedDemoTest {
    @Test
    void theSongTheDemoContinuesIsHeldOutOfTheShippedGameMidiModelAndOfItsRecipe() throws IOException {
        assertTrue(BundledMusic.names().contains(ShippedDemo.HELD_OUT_SONG));
        MusicTrainingOptions shipped = options(Checkpoint.load(ShippedModels.resolve("game-midi"), Precision.FLOAT32)
                .options());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ModelManifest.read(ShippedModels.folder()).get("game-midi").dataFingerprint(),
                MusicTraining.task(shipped).openData(shipped.modelConfig(), quiet).fingerprint(),
                "the songs here, split by the options the shipped model recorded, are the ones it trained on");
        assertHeldOut(shipped, "the shipped model");
        JsonObject recipe = JsonParser.parseString(Files.readString(ConfigFiles.recipeFile("game-midi"),
                StandardCharsets.UTF_8)).getAsJsonObject();
        assertHeldOut(options(recipe), "a model trained by the recipe again");
    }

    /** The demo's song is not among the training pieces of {@code o}. */
    private static void assertHeldOut(MusicTrainingOptions o, String whose) {
        PerformanceCorpus corpus = o.source().corpus(w -> { });
        PieceSplit.Parts parts = o.split().apply(corpus.pieces(), o.source());
        List<String> training = parts.train().stream().map(PerformanceCorpus.Piece::name).toList();
        assertTrue(training.stream().noneMatch(n -> n.endsWith(ShippedDemo.HELD_OUT_SONG)),
                ShippedDemo.HELD_OUT_SONG + " is not a training piece of " + whose);
    }

    /** The options {@code music train} builds from a config object (a recipe, or what a checkpoint recorded). */
    private static MusicTrainingOptions options(JsonObject config) {
        List<String> args = new ArrayList<>();
        config.entrySet().forEach(e -> args.addAll(List.of("--" + e.getKey(), e.getValue().getAsString())));
        MusicCommand.Train train = new MusicCommand.Train();
        new CommandLine(train).parseArgs(args.toArray(String[]::new));
        return train.options();
    }
}

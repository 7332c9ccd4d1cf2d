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
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.app.demo.ShippedDemo;
import org.attentionsuite.app.models.ModelManifest;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.attentionsuite.music.train.PerformanceData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo's claims about the shipped models hold. */
class ShippedDemoTest {
    @Test
    void theSongTheDemoContinuesIsHeldOutOfTheGameMidiRecipe() throws IOException {
        String data = JsonParser.parseString(Files.readString(ConfigFiles.recipeFile("game-midi"),
                StandardCharsets.UTF_8)).getAsJsonObject().get("data").getAsString();
        MusicSource source = MusicSource.ofData(data);
        PerformanceCorpus corpus = source.corpus(w -> { });
        List<String> heldOut = PerformanceData.of(corpus, 512, 8, Augmentation.none(), source).validationPieces()
                .stream().map(PerformanceCorpus.Piece::name).toList();
        assertEquals(recordedFingerprint("game-midi"), recipeData("game-midi").fingerprint(),
                "the songs here are the ones the shipped game-midi model was trained and held out on");
        assertTrue(BundledMusic.names().contains(ShippedDemo.HELD_OUT_SONG));
        assertTrue(heldOut.stream().anyMatch(n -> n.endsWith(ShippedDemo.HELD_OUT_SONG)),
                ShippedDemo.HELD_OUT_SONG + " among the held-out pieces " + heldOut);
    }

    /** The training data of recipe {@code name}, built as {@code music train --recipe name} builds it. */
    private static DataSource recipeData(String name) throws IOException {
        List<String> args = new ArrayList<>();
        JsonObject recipe = JsonParser.parseString(Files.readString(ConfigFiles.recipeFile(name),
                StandardCharsets.UTF_8)).getAsJsonObject();
        recipe.entrySet().forEach(e -> args.addAll(List.of("--" + e.getKey(), e.getValue().getAsString())));
        MusicCommand.Train train = new MusicCommand.Train();
        new CommandLine(train).parseArgs(args.toArray(String[]::new));
        MusicTrainingOptions o = train.options();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return MusicTraining.task(o).openData(o.modelConfig(), quiet);
    }

    private static String recordedFingerprint(String model) {
        return ModelManifest.read(ShippedModels.folder()).get(model).dataFingerprint();
    }
}

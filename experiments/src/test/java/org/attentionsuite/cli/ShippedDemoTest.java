package org.attentionsuite.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.attentionsuite.experiments.demo.ShippedDemo;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.performance.Augmentation;
import org.attentionsuite.music.performance.PerformanceCorpus;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.PerformanceData;
import org.junit.jupiter.api.Test;

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
        assertTrue(BundledMusic.names().contains(ShippedDemo.HELD_OUT_SONG));
        assertTrue(heldOut.stream().anyMatch(n -> n.endsWith(ShippedDemo.HELD_OUT_SONG)),
                ShippedDemo.HELD_OUT_SONG + " among the held-out pieces " + heldOut);
    }
}

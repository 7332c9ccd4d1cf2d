package org.attentionsuite.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.app.models.ModelCard;
import org.attentionsuite.app.models.ModelManifest;
import org.junit.jupiter.api.Test;

/**
 * The models in {@code models/} still load and score what {@code models pack} recorded on their
 * test slices, so a change to the checkpoint format or the model code that breaks them fails here.
 */
class ShippedModelsTest {
    /** Float32 sums in another order (another CPU's BLAS kernels) move the fourth decimal at most. */
    private static final double TOLERANCE = 1e-4;

    @Test
    void everyShippedModelIsRecordedAndScoresItsRecordedSliceValue() throws IOException {
        check(ShippedModels.folder());
    }

    /** The models in {@code folder} match their record. */
    static void check(Path folder) throws IOException {
        Map<String, ModelCard> cards = ModelManifest.read(folder);
        assertEquals(List.copyOf(cards.keySet()), ShippedModels.names(folder),
                "every models/*.ckpt has a record in models.json and every record its file");
        if (!cards.isEmpty()) {
            assertEquals(ModelManifest.markdown(cards, ModelManifest.verification(folder)),
                    Files.readString(folder.resolve(ModelManifest.README)),
                    "models/README.md is generated from models.json");
        }
        for (ModelCard card : cards.values()) {
            Path file = folder.resolve(card.file());
            assertEquals(card.sha256(), ModelsCommand.Pack.sha256(file), card.name() + ": the file that was scored");
            assertTrue(Files.size(file) < 5_000_000, card.name() + " stays under 5 MB");
            List<String> args = new ArrayList<>(List.of("--model", card.name()));
            args.addAll(card.slice().args());
            Score s = EvaluateCommand.score(args);
            assertEquals(card.slice().unit(), s.unit(), card.name());
            assertEquals(card.slice().targets(), s.targets(), card.name() + ": the same slice");
            assertEquals(card.slice().value(), s.value(), TOLERANCE, card.name() + " on " + card.slice().args());
        }
    }
}

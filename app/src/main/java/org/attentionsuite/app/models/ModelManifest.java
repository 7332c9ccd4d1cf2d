package org.attentionsuite.app.models;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.experiments.report.Markdown;

/**
 * The record of the shipped models: {@code models/models.json} (one {@link ModelCard} per model,
 * by name) and the {@code models/README.md} a person reads, generated from it.
 */
public final class ModelManifest {
    /** The machine-readable record. */
    public static final String FILE = "models.json";
    /** The table for people. */
    public static final String README = "README.md";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private ModelManifest() {
    }

    /** The cards in {@code folder}, by name; none when it has no record yet. */
    public static Map<String, ModelCard> read(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            Map<String, ModelCard> cards = GSON.fromJson(json, new TypeToken<TreeMap<String, ModelCard>>() { }.getType());
            return cards == null ? new TreeMap<>() : new TreeMap<>(cards);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException | JsonParseException e) {
            throw new UserError(file + ": cannot read the model record (" + e.getMessage() + ")");
        }
    }

    /** Adds or replaces {@code card} and rewrites both files. */
    public static void put(Path folder, ModelCard card) {
        Map<String, ModelCard> cards = read(folder);
        cards.put(card.name(), card);
        AtomicFiles.write(folder.resolve(FILE), (GSON.toJson(cards) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(README), markdown(cards).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code models/README.md} for {@code cards}. */
    public static String markdown(Map<String, ModelCard> cards) {
        StringBuilder md = new StringBuilder();
        md.append("# Shipped models\n\n")
                .append("Trained by the suite's own commands on real data, packed weights only (no optimiser state) by\n")
                .append("`./suite models pack`, which also measured every score below and wrote this file from\n")
                .append("`models.json`. Sample them by name (`./suite image sample --model fashion-mnist --class 7`,\n")
                .append("`./suite music generate --model jsb-chorales`); `./suite demo` shows all of them.\n")
                .append("`ShippedModelsTest` re-evaluates each model on the slice named below and checks the\n")
                .append("recorded value, so a change that breaks these files fails the build.\n\n");
        Markdown table = new Markdown(List.of("model", "data", "parameters", "file", "steps", "wall time (whole run)",
                "test score", "evaluated on"));
        for (ModelCard c : cards.values()) {
            table.row(List.of("`" + c.name() + "`", c.recipe() + " recipe", String.format(Locale.ROOT, "%,d",
                    c.parameters()), Markdown.bytes(c.bytes()) + " " + c.dtype(), String.format(Locale.ROOT, "%,d",
                    c.steps()), hours(c.wallHours()), score(c.test()) + (heldOut(c) ? " †" : ""), c.test().data()));
        }
        md.append(table.render());
        if (cards.values().stream().anyMatch(ModelManifest::heldOut)) {
            md.append("\n† The data has no test split of its own: the score is on what training held out for\n")
                    .append("validation (`evaluate --held-out`), which also chose the checkpoint by early stopping.\n");
        }
        for (ModelCard c : cards.values()) {
            md.append("\n## ").append(c.name()).append("\n\n")
                    .append("- model: ").append(c.summary()).append('\n')
                    .append("- recipe: [`recipes/").append(c.recipe()).append(".json`](../recipes/").append(c.recipe())
                    .append(".json)\n")
                    .append("- trained by: `").append(c.command()).append("`\n")
                    .append("- training data: `").append(c.dataFingerprint()).append("`\n")
                    .append("- ").append(String.format(Locale.ROOT, "%,d", c.steps())).append(" steps, ")
                    .append(hours(c.wallHours())).append(" (").append(c.machine()).append("); best validation ")
                    .append(Markdown.num(c.bestValidation(), 4)).append(' ').append(c.validationUnit()).append('\n')
                    .append("- test: `./suite evaluate --model ").append(c.name()).append(' ')
                    .append(String.join(" ", c.test().args())).append("` gives ").append(score(c.test()))
                    .append(" on ").append(c.test().data()).append(String.format(Locale.ROOT, " (%,d targets)",
                            c.test().targets())).append('\n');
            c.test().samples().forEach((k, v) -> md.append("  - ").append(k.replace('_', ' ')).append(": ")
                    .append(Markdown.num(v, 3)).append('\n'));
            md.append("- slice checked by the tests: `").append(String.join(" ", c.slice().args())).append("` gives ")
                    .append(String.format(Locale.ROOT, "%.6f", c.slice().value())).append(' ')
                    .append(c.slice().unit()).append('\n')
                    .append("- file: `").append(c.file()).append("`, ").append(c.dtype()).append(", sha256 `")
                    .append(c.sha256()).append("`\n");
            if (!c.note().isBlank()) {
                md.append("- note: ").append(c.note()).append('\n');
            }
        }
        return md.toString();
    }

    private static boolean heldOut(ModelCard c) {
        return c.test().args().contains("--held-out");
    }

    private static String score(ModelCard.Measured m) {
        String s = String.format(Locale.ROOT, "%.4f %s", m.value(), m.unit());
        if (m.secondUnit() != null && Double.isFinite(m.second())) {
            s += String.format(Locale.ROOT, " (%.4f %s)", m.second(), m.secondUnit());
        }
        return s;
    }

    private static String hours(double h) {
        if (!Double.isFinite(h)) {
            return "n/a";
        }
        long minutes = Math.round(h * 60);
        return minutes < 60 ? minutes + " min" : String.format(Locale.ROOT, "%dh%02dm", minutes / 60, minutes % 60);
    }
}

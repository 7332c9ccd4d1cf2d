package org.attentionsuite.app.models;

import com.google.gson.Gson;
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
import org.attentionsuite.experiments.report.FiniteJson;
import org.attentionsuite.experiments.report.Markdown;

/**
 * The record of the shipped models: {@code models/models.json} (one {@link ModelCard} per model,
 * by name), {@code models/verification.json} (the last {@link Verification}), and what is written
 * from them: the {@code models/README.md} a person reads and the shipped-models block of the
 * project's README.
 */
public final class ModelManifest {
    /** The machine-readable record. */
    public static final String FILE = "models.json";
    /** The last {@code models verify}. */
    public static final String VERIFICATION = "verification.json";
    /** The table for people. */
    public static final String README = "README.md";

    private static final Gson GSON = FiniteJson.pretty();

    private ModelManifest() {
    }

    /** The cards in {@code folder}, by name; none when it has no record yet. */
    public static Map<String, ModelCard> read(Path folder) {
        Map<String, ModelCard> cards = readJson(folder.resolve(FILE),
                new TypeToken<TreeMap<String, ModelCard>>() { });
        if (cards == null) {
            return new TreeMap<>();
        }
        cards.forEach((name, c) -> {
            if (c.validation() == null || c.test() == null || c.slice() == null) {
                throw new UserError(folder.resolve(FILE) + ": model " + name + " records no validation, test or slice "
                        + "score; pack it again with ./suite models pack");
            }
        });
        return new TreeMap<>(cards);
    }

    /** The last verification recorded in {@code folder}, or null. */
    public static Verification verification(Path folder) {
        return readJson(folder.resolve(VERIFICATION), TypeToken.get(Verification.class));
    }

    private static <T> T readJson(Path file, TypeToken<T> type) {
        try {
            return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | JsonParseException e) {
            throw new UserError(file + ": cannot read the model record (" + e.getMessage() + ")");
        }
    }

    /** Adds or replaces {@code card} and rewrites the record and {@code models/README.md}. */
    public static void put(Path folder, ModelCard card) {
        Map<String, ModelCard> cards = read(folder);
        cards.put(card.name(), card);
        AtomicFiles.write(folder.resolve(FILE), (GSON.toJson(cards) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(README), markdown(cards, verification(folder))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Records {@code v} as the last verification and rewrites {@code models/README.md}. */
    public static void putVerification(Path folder, Verification v) {
        AtomicFiles.write(folder.resolve(VERIFICATION), (GSON.toJson(v) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(folder.resolve(README), markdown(read(folder), v).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code models/README.md} for {@code cards} and the last verification {@code v} (null if none). */
    public static String markdown(Map<String, ModelCard> cards, Verification v) {
        StringBuilder md = new StringBuilder();
        md.append("# Shipped models\n\n")
                .append("Trained by the suite's own commands on real data, packed weights only (no optimiser state) by\n")
                .append("`./suite models pack`, which also measured every score below and wrote this file from\n")
                .append("`models.json`. Sample them by name (`./suite image sample --model fashion-mnist --class 7`,\n")
                .append("`./suite music generate --model jsb-chorales`); `./suite demo` shows all of them.\n")
                .append("`ShippedModelsTest` re-evaluates each model on the slice named below and checks the\n")
                .append("recorded value, so a change that breaks these files fails the build; `./suite models verify`\n")
                .append("re-runs every full measurement (its last output is at the end).\n\n")
                .append("The validation score is on the data that chose the checkpoint (early stopping), so it is\n")
                .append("not an unbiased estimate; the test score is on data that neither training nor that choice\n")
                .append("saw.\n\n");
        Markdown table = new Markdown(List.of("model", "parameters", "file", "steps", "wall time (whole run)",
                "validation (chose the checkpoint)", "test (never seen)"));
        for (ModelCard c : cards.values()) {
            table.row(List.of("`" + c.name() + "`", String.format(Locale.ROOT, "%,d", c.parameters()),
                    Markdown.bytes(c.bytes()) + " " + c.dtype(), String.format(Locale.ROOT, "%,d", c.steps()),
                    hours(c.wallHours()), scoreOn(c.validation()), scoreOn(c.test())));
        }
        md.append(table.render());
        for (ModelCard c : cards.values()) {
            md.append("\n## ").append(c.name()).append("\n\n")
                    .append("- model: ").append(c.summary()).append('\n')
                    .append("- recipe: [`recipes/").append(c.recipe()).append(".json`](../recipes/").append(c.recipe())
                    .append(".json)\n")
                    .append("- trained by: `").append(c.command()).append("`\n")
                    .append("- training data: `").append(c.dataFingerprint()).append("`\n")
                    .append("- ").append(String.format(Locale.ROOT, "%,d", c.steps())).append(" steps, ")
                    .append(hours(c.wallHours())).append(" (").append(c.machine()).append("); best validation ")
                    .append(Markdown.num(c.bestValidation(), 4)).append(' ').append(c.validationUnit())
                    .append(" during training\n");
            measured(md, c.name(), "validation", c.validation());
            measured(md, c.name(), "test", c.test());
            md.append("- slice checked by the tests: `").append(String.join(" ", c.slice().args())).append("` gives ")
                    .append(String.format(Locale.ROOT, "%.6f", c.slice().value())).append(' ')
                    .append(c.slice().unit()).append('\n')
                    .append("- file: `").append(c.file()).append("`, ").append(c.dtype()).append(", sha256 `")
                    .append(c.sha256()).append("`\n");
            if (!c.note().isBlank()) {
                md.append("- note: ").append(c.note()).append('\n');
            }
        }
        md.append("\n## Last `models verify`\n\n");
        if (v == null) {
            md.append("Not run yet: `nice -n 10 ./suite models verify`.\n");
        } else {
            md.append(verificationText(v));
        }
        return md.toString();
    }

    private static void measured(StringBuilder md, String name, String what, ModelCard.Measured m) {
        md.append("- ").append(what).append(": `./suite evaluate --model ").append(name).append(' ')
                .append(String.join(" ", m.args())).append("` gives ").append(score(m)).append(" on ")
                .append(m.data()).append(String.format(Locale.ROOT, " (%,d targets)", m.targets())).append('\n');
        m.samples().forEach((k, value) -> md.append("  - ").append(k.replace('_', ' ')).append(": ")
                .append(Markdown.num(value, 3)).append(m.sampleErrors().containsKey(k)
                        ? " ± " + Markdown.num(m.sampleErrors().get(k), 2) : "").append('\n'));
    }

    /** The verification as Markdown: when and where, the verdict, and every row. */
    static String verificationText(Verification v) {
        StringBuilder md = new StringBuilder();
        md.append("`nice -n 10 ./suite models verify` on ").append(v.date()).append(", ").append(v.machine())
                .append(": ").append(v.passed() ? "**every number within its tolerance**"
                        : "**" + v.rows().stream().filter(r -> !r.passed()).count() + " number(s) outside their "
                        + "tolerance**").append(". Losses must agree within ")
                .append(Markdown.num(Verification.LOSS_TOLERANCE, 1)).append(", sample measures within three "
                        + "standard errors of the difference of two draws (3·√2·se, se from today's draw: binomial "
                        + "for fractions of images, a bootstrap over the sampled chorales for chorale statistics).\n\n");
        Markdown t = new Markdown(List.of("model", "measure", "recorded", "now", "tolerance", ""));
        for (Verification.Row r : v.rows()) {
            t.row(List.of("`" + r.model() + "`", r.measure(), Markdown.num(r.recorded(), 6), Markdown.num(r.now(), 6),
                    Markdown.num(r.tolerance(), 2), r.passed() ? "ok" : "**differs**"));
        }
        return md.append(t.render()).toString();
    }

    /**
     * The shipped-models block of the project's README: the class-conditional Fashion-MNIST grid with
     * what the record says of it, then one row per model with its validation and test scores.
     */
    public static String readmeBlock(Map<String, ModelCard> cards) {
        StringBuilder md = new StringBuilder();
        ModelCard fashion = cards.get("fashion-mnist");
        if (fashion != null) {
            ModelCard.Measured t = fashion.test();
            md.append("![Six samples per class from the shipped fashion-mnist model]"
                    + "(experiments/report/demo/fashion-mnist-samples.png)\n\n");
            md.append(String.format(Locale.ROOT, "*`./suite demo`: six samples per Fashion-MNIST class, drawn pixel by "
                    + "pixel at temperature 1 from the shipped `fashion-mnist` model (%.2f M parameters), which scores "
                    + "**%.3f bits/dim on %s**.", fashion.parameters() / 1e6, t.value(), testImages(t.data())));
            Double accuracy = t.samples().get("classifier_test_accuracy");
            Double agreement = t.samples().get("samples_classified_as_requested");
            if (accuracy != null && agreement != null) {
                md.append(String.format(Locale.ROOT, " A classifier trained by the suite on the training set (%.1f%% "
                        + "right on the test set) takes %.1f%% of %s such samples for the class that was asked for.",
                        100 * accuracy, 100 * agreement, sampleCount(t.args())));
            }
            md.append(" Listen to a [four-voice chorale](experiments/report/demo/chorale.mid) from the shipped "
                    + "`jsb-chorales` model ([piano roll](experiments/report/demo/chorale.png)) and to the shipped "
                    + "`game-midi` model [continuing a Freedoom song](experiments/report/demo/continuation.mid) that "
                    + "it never trained on ([piano roll](experiments/report/demo/continuation.png)).*\n\n");
        }
        Markdown table = new Markdown(List.of("shipped model", "parameters", "validation (chose the checkpoint)",
                "test (never seen)"));
        for (ModelCard c : cards.values()) {
            table.row(List.of("`" + c.name() + "`", String.format(Locale.ROOT, "%,d", c.parameters()),
                    scoreOn(c.validation()), "**" + score(c.test()) + "** on " + c.test().data()));
        }
        return md.append(table.render()).toString();
    }

    /** "the 10,000 test images" from {@code idx:/…/t10k-images-idx3-ubyte.gz (10,000 images)}. */
    private static String testImages(String data) {
        int open = data.lastIndexOf('(');
        return open < 0 ? data : "the " + data.substring(open + 1, data.length() - 1).replace("images", "test images");
    }

    /** The N of {@code --samples N} in {@code args}. */
    private static String sampleCount(List<String> args) {
        int at = args.indexOf("--samples");
        return at < 0 || at + 1 >= args.size() ? "the"
                : String.format(Locale.ROOT, "%,d", Integer.parseInt(args.get(at + 1)));
    }

    private static String scoreOn(ModelCard.Measured m) {
        return score(m) + " on " + m.data();
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

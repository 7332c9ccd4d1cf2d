package org.attentionsuite.app.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.experiments.quality.Comparison;
import org.attentionsuite.experiments.quality.ComparisonPreset;
import org.attentionsuite.experiments.quality.ComparisonResult;
import org.attentionsuite.experiments.quality.ComparisonWriter;
import org.attentionsuite.music.train.MusicSource;

/**
 * The parts of the READMEs that are written from records, never by hand: {@code models/README.md}
 * (from {@code models/models.json} and {@code models/verification.json}), the shipped-models block
 * of {@code README.md}, and the comparison results in {@code README.md} and
 * {@code experiments/README.md} (from the published {@code run.json} records under
 * {@code experiments/report/runs} and the timings beside the reports). A generated part of a README
 * sits between {@code <!-- NAME -->} and {@code <!-- /NAME -->}; the text around it is the
 * author's. {@code ReadmeBlocksTest} renders them in memory and fails when a file on disk differs.
 */
public final class ReadmeBlocks {
    /** The shipped-models block of {@code README.md}. */
    public static final String SHIPPED = "SHIPPED-MODELS";
    /** The comparison results in both READMEs. */
    public static final String COMPARISONS = "COMPARISON-RESULTS";
    /** Where the published comparison lives, under the suite's folder. */
    static final Path REPORT = Path.of("experiments", "report");

    private ReadmeBlocks() {
    }

    /** Every generated file under the suite folder {@code home}, with the text it should hold. */
    public static Map<Path, String> render(Path home) {
        Path models = home.resolve("models");
        Map<String, ModelCard> cards = ModelManifest.read(models);
        Map<Path, String> out = new LinkedHashMap<>();
        out.put(models.resolve(ModelManifest.README), ModelManifest.markdown(cards, ModelManifest.verification(models)));
        Path readme = home.resolve("README.md");
        String top = replace(read(readme), SHIPPED, ModelManifest.readmeBlock(cards), readme);
        out.put(readme, replace(top, COMPARISONS, comparisons(home, "experiments/report/"), readme));
        Path experiments = home.resolve("experiments").resolve("README.md");
        out.put(experiments, replace(read(experiments), COMPARISONS, comparisons(home, "report/"), experiments));
        return out;
    }

    /** Writes the files of {@link #render} whose text changed; returns them. */
    public static List<Path> write(Path home) {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, String> e : render(home).entrySet()) {
            if (!e.getValue().equals(read(e.getKey()))) {
                AtomicFiles.write(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
                written.add(e.getKey());
            }
        }
        return written;
    }

    /**
     * The published comparisons of the quick preset, each its setup, table and expectations;
     * {@code report} is the path of the report folder from the README's folder.
     */
    static String comparisons(Path home, String report) {
        ComparisonPreset quick = ComparisonPreset.quick();
        StringBuilder md = new StringBuilder();
        List<Comparison> published = List.of(new Comparison.Chorales(quick, new MusicSource.BundledChorales()),
                new Comparison.Images(quick));
        for (Comparison c : published) {
            Path out = home.resolve(REPORT);
            ComparisonResult r = ComparisonWriter.published(c, out.resolve("runs").resolve(c.name()), out);
            md.append(md.length() == 0 ? "" : "\n").append(ComparisonWriter.readme(c, r, report + "results/"
                    + ComparisonWriter.fileName(c.name(), "md")));
        }
        return md.toString();
    }

    /** {@code text} with the part between the markers {@code name} replaced by {@code block}. */
    static String replace(String text, String name, String block, Path file) {
        String open = "<!-- " + name + " -->\n";
        String close = "<!-- /" + name + " -->";
        int from = text.indexOf(open);
        int to = text.indexOf(close);
        if (from < 0 || to < from || text.indexOf(open, from + 1) >= 0) {
            throw new UserError(file + ": needs exactly one " + open.strip() + " ... " + close + " block");
        }
        return text.substring(0, from + open.length()) + block + text.substring(to);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}

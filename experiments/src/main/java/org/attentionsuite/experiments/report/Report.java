package org.attentionsuite.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.attentionsuite.core.UserError;

/**
 * Gathers the results written into an output folder into one {@code index.md}: the machine, then
 * each known experiment's results (its Markdown inlined, its charts embedded with links relative to
 * the index), then any other results file, newest first, and the commands that reproduce them.
 * Experiments without results are listed as "not run yet: {@code <command>}".
 */
public final class Report {
    /** The gathered file's name inside the output folder. */
    public static final String INDEX = "index.md";

    /**
     * An experiment the report knows about.
     *
     * @param title   section title
     * @param results its Markdown file name in {@code results/}
     * @param command the command that produces it (with {@code <out>} for the output folder)
     */
    public record Section(String title, String results, String command) {
    }

    /** The experiments of the suite, in report order. */
    public static final List<Section> SECTIONS = List.of(
            new Section("Cost sweep (time and memory against length)", "sweep.md", "./suite sweep --out <out>"),
            new Section("Quality at convergence: images (Fashion-MNIST, bits/dim)", "compare-images.md",
                    "./suite compare images --preset quick --out <out>"),
            new Section("Quality at convergence: JSB chorales (nats/token, nats/note)", "compare-chorales.md",
                    "./suite compare chorales --preset quick --out <out>"));

    /**
     * What the report contains.
     *
     * @param index    the written {@code index.md}
     * @param included results files inlined
     * @param missing  commands of the experiments not run yet
     * @param machine  the machine description
     */
    public record Summary(Path index, List<Path> included, List<String> missing, MachineInfo machine) {
        public Summary {
            included = List.copyOf(included);
            missing = List.copyOf(missing);
        }
    }

    private Report() {
    }

    /** Writes {@code out/index.md} from the results in {@code out}. */
    public static Summary build(Path out, MachineInfo machine) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError(out + " is not a folder");
        }
        String outName = out.toString();
        StringBuilder sb = new StringBuilder();
        List<Path> included = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        sb.append("# Attention suite report\n\n");
        sb.append("Gathered ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" by `./suite report --out ")
                .append(outName).append("`.\n\n");
        sb.append(machineSection(machine));
        for (Section s : SECTIONS) {
            Path file = Outputs.result(out, s.results());
            String command = s.command().replace("<out>", outName);
            sb.append("## ").append(s.title()).append("\n\n");
            if (!Files.isRegularFile(file)) {
                sb.append("not run yet: `").append(command).append("`\n\n");
                missing.add(command);
                continue;
            }
            String text = read(file);
            String recorded = Outputs.recordedCommand(text);
            commands.add(recorded != null ? recorded : command);
            sb.append(inline(text, true)).append('\n');
            included.add(file);
        }
        List<Path> others = otherResults(out);
        if (!others.isEmpty()) {
            sb.append("## Other results\n\n");
            for (Path file : others) {
                String text = read(file);
                String recorded = Outputs.recordedCommand(text);
                if (recorded != null) {
                    commands.add(recorded);
                }
                sb.append(inline(text, false)).append('\n');
                included.add(file);
            }
        }
        sb.append("## Reproduce\n\nFrom the project folder (the `suite` launcher builds on first use):\n\n```\n");
        commands.forEach(c -> sb.append(c).append('\n'));
        missing.forEach(c -> sb.append(c).append("   # not run yet\n"));
        sb.append("./suite report --out ").append(outName).append("\n```\n");
        Path index = Outputs.writeString(out.resolve(INDEX), sb.toString());
        return new Summary(index, included, missing, machine);
    }

    static String machineSection(MachineInfo m) {
        Markdown t = new Markdown(List.of("", ""));
        t.row(List.of("cores", String.valueOf(m.cores())));
        t.row(List.of("CPU", m.cpuModel()));
        t.row(List.of("AVX flags", m.avxFlags().isEmpty() ? "none" : String.join(" ", m.avxFlags())));
        t.row(List.of("JVM", m.jvm()));
        t.row(List.of("ND4J backend", m.nd4jBackend()));
        t.row(List.of("ND4J AVX-512 natives", m.avx512Natives() ? "loaded (platform extension "
                + m.platformExtension() + ")" : "not loaded (generic x86-64 natives)"));
        return "## Machine\n\n" + t.render() + "\n";
    }

    /**
     * A results file inside the index: its title dropped when the index gives the section its own
     * ({@code dropTitle}), other headings one level down, and its chart links made relative to the
     * index ({@code ../charts/x.png} becomes {@code charts/x.png}).
     */
    static String inline(String markdown, boolean dropTitle) {
        StringBuilder sb = new StringBuilder();
        String[] lines = markdown.split("\n", -1);
        boolean first = true;
        for (String line : lines) {
            if (first && dropTitle && line.startsWith("# ")) {
                first = false;
                continue;
            }
            first = false;
            if (line.startsWith("#")) {
                line = "#" + line;
            }
            sb.append(line.replace("](../" + Outputs.CHARTS + "/", "](" + Outputs.CHARTS + "/")).append('\n');
        }
        return sb.toString().strip() + "\n";
    }

    private static List<Path> otherResults(Path out) {
        Path dir = out.resolve(Outputs.RESULTS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> known = SECTIONS.stream().map(Section::results).toList();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !known.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparing(Report::modified).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}

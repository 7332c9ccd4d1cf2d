package org.attentionsuite.cli;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.experiments.quality.QualityComparison;
import org.attentionsuite.experiments.quality.QualityOptions;
import org.attentionsuite.experiments.quality.QualityPreset;
import org.attentionsuite.experiments.quality.QualityResult;
import org.attentionsuite.experiments.quality.QualityTask;
import org.attentionsuite.experiments.quality.QualityTasks;
import org.attentionsuite.experiments.quality.QualityWriter;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.experiments.report.MachineInfo;
import org.attentionsuite.experiments.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code suite report}: gathers the results in the output folder into {@code index.md}. Also home of
 * {@code suite compare} ({@link Compare}), the command that writes the quality results it gathers.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Gather the latest results in --out (sweep, comparisons) into <out>/index.md with the charts, "
                + "the machine description and the commands that reproduce them.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "report", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        Report.Summary s = Report.build(out, MachineInfo.detect());
        System.out.println("Wrote " + s.index());
        s.included().forEach(p -> System.out.println("  included " + p));
        s.missing().forEach(c -> System.out.println("  not run yet: " + c));
        return 0;
    }

    /** The tasks of {@code suite compare}. */
    enum Task {
        images, chorales
    }

    /** {@code suite compare images|chorales}: the quality comparison of attention variants. */
    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Train the same small model with each attention variant on the same data, steps and seed; "
                    + "write results/compare-<task>.md/.csv and charts/compare-<task>.png (validation loss vs wall "
                    + "time) into --out. images: Fashion-MNIST 28x28, full vs local1d vs local2d, bits/dim. "
                    + "chorales: JSB, absolute vs relative attention, nats/token and nats/note.")
    static final class Compare implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TASK", description = "images | chorales")
        String task;

        @Option(names = "--preset", defaultValue = "quick",
                description = "quick (about 10 minutes on 2 cores) | paper (larger machines); default ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--steps", description = "training steps per arm (default: the preset's)")
        Long steps;

        @Option(names = "--seed", defaultValue = "1", description = "seed of weights, batches and dropout")
        long seed;

        @Option(names = "--chorales", description = "Jsb16thSeparated.json (default: ${DEFAULT-VALUE})",
                defaultValue = "../shared/data/jsb-chorales/Jsb16thSeparated.json")
        Path chorales;

        @Option(names = "--out", defaultValue = "report", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() {
            Task t = parseTask(task);
            QualityPreset p = QualityPreset.byId(preset);
            if (steps != null) {
                if (steps < 1) {
                    throw new UserError("--steps (" + steps + ") must be positive");
                }
                p = p.withSteps(steps);
            }
            QualityTask qt = switch (t) {
                case images -> QualityTasks.images(p);
                case chorales -> QualityTasks.chorales(chorales, p);
            };
            QualityOptions o = p.options(seed);
            System.err.println("Comparing " + qt.arms().size() + " arms on " + qt.name() + " (" + p.id() + " preset, "
                    + o.steps() + " steps each)");
            QualityResult r = QualityComparison.run(qt, o, line -> System.err.println("  " + line));
            List<Path> written = QualityWriter.write(r, out, command(t, p));
            System.out.printf(Locale.ROOT, "%-10s %10s %10s %s%n", "arm", "s/step", "wall s",
                    String.join("  ", r.units().stream().map(u -> "val " + u).toList()));
            for (QualityResult.ArmResult a : r.arms()) {
                System.out.printf(Locale.ROOT, "%-10s %10s %10s %s%n", a.label(), Markdown.num(a.secondsPerStep(), 3),
                        Markdown.num(a.wallSeconds(), 3),
                        String.join("  ", a.finalInUnits().stream().map(v -> Markdown.num(v, 4)).toList()));
            }
            System.out.println("Wrote:");
            written.forEach(w -> System.out.println("  " + w));
            return 0;
        }

        private String command(Task t, QualityPreset p) {
            List<String> a = new ArrayList<>(List.of("./suite", "compare", t.name(), "--preset", p.id(), "--steps",
                    String.valueOf(p.steps())));
            if (seed != 1) {
                a.add("--seed");
                a.add(String.valueOf(seed));
            }
            if (t == Task.chorales) {
                a.add("--chorales");
                a.add(chorales.toString());
            }
            a.add("--out");
            a.add(out.toString());
            return String.join(" ", a);
        }

        private static Task parseTask(String s) {
            for (Task t : Task.values()) {
                if (t.name().equals(s)) {
                    return t;
                }
            }
            throw new UserError("unknown comparison '" + s + "' (known: images, chorales)");
        }
    }
}

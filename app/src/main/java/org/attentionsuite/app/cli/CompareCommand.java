package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.experiments.quality.Comparison;
import org.attentionsuite.experiments.quality.ComparisonPreset;
import org.attentionsuite.experiments.quality.ComparisonResult;
import org.attentionsuite.experiments.quality.ComparisonRunner;
import org.attentionsuite.experiments.quality.ComparisonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
/** {@code suite compare images|chorales}: the comparison of attention variants at convergence. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train every attention variant of a comparison to convergence (early stopping on validation) "
                + "for several seeds, with the same builders as image train / music train, score each best "
                + "checkpoint on the test split, and write results/compare-<task>.md/.csv and "
                + "charts/compare-<task>.png into --out; every run keeps its folder (metrics, loss.png, "
                + "checkpoints) under --runs.",
            "images: Fashion-MNIST 28x28, full vs local1d vs local2d, bits/dim. chorales: JSB, absolute vs "
                + "relative attention, and absolute positions with the relative arm's parameter count "
                + "(absolute-matched), nats/token and nats/note. Finished runs are reused when the command is run "
                + "again with the same options."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK", description = "images | chorales")
    String task;

    @Option(names = "--preset", defaultValue = "quick",
            description = "quick (small models, 3 seeds, every arm until it stops improving; about an hour for both tasks on 2 cores: images 43 min, chorales 21 min) | "
                    + "paper (full data, larger models); "
                    + "default ${DEFAULT-VALUE}")
    String preset;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds per arm (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--jobs", paramLabel = "N", description = "runs trained side by side, each with its progress "
            + "in train.log in its folder (default: one per core); --jobs 1 trains one run at a time with its "
            + "progress here")
    Integer jobs;

    @Option(names = "--workers", paramLabel = "N", description = "threads each run trains on (and is scored and "
            + "the step timed on), each with its own model replica and one BLAS thread (default: the cores divided "
            + "by --jobs, at least 1); a run's numbers are the same bits for every N, so finished runs are reused "
            + "whatever it is")
    Integer workers;

    @CommandLine.Mixin
    Flags.Chorales chorales;

    @CommandLine.Mixin
    Flags.ReportFolder report;

    @Option(names = "--runs", defaultValue = "runs/compare", description = "folder of the runs' own folders "
            + "(default: ${DEFAULT-VALUE})")
    Path runs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ComparisonPreset p = ComparisonPreset.byId(preset);
        Path out = report.ready();
        Comparison c = switch (task) {
            case "images" -> new Comparison.Images(p);
            case "chorales" -> new Comparison.Chorales(p, chorales.source());
            default -> throw new UserError("unknown comparison '" + task + "' (known: images, chorales)");
        };
        System.err.printf(Locale.ROOT, "Comparing %s on %s (preset %s), %d seed(s) each%n",
                c.arms().stream().map(Comparison.Arm::name).toList(), c.name(), p.id(), seeds);
        int sideBySide = jobs();
        ComparisonResult r = ComparisonRunner.run(c, seeds, sideBySide, workers(sideBySide), runs.resolve(c.name()),
                System.err);
        List<Path> written = ComparisonWriter.write(c, r, out, CommandText.of(spec));
        System.out.printf(Locale.ROOT, "%-10s %-22s %-22s %s%n", "arm", "best valid " + r.unit(),
                "test " + r.unit(), "s/step");
        for (ComparisonResult.ArmSummary a : r.summaries()) {
            System.out.printf(Locale.ROOT, "%-10s %-22s %-22s %s%n", a.arm(), ComparisonWriter.pm(a.bestValidation(),
                    4), ComparisonWriter.pm(a.test(), 4), ComparisonWriter.pm(a.secondsPerStep(), 3));
        }
        Flags.ReportFolder.printWritten(written);
        return 0;
    }

    /** {@code --jobs}, one per core when not given. */
    int jobs() {
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }

    /** {@code --workers} of each of {@code jobs} runs side by side: the cores divided by the runs when not given. */
    Workers workers(int jobs) {
        return Workers.threads(workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors()
                / Math.max(1, jobs)));
    }
}

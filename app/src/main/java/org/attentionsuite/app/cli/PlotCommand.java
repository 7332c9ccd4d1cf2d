package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionsuite.experiments.report.LossCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suite plot RUN_DIR...}: overlays the loss curves of several runs. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Overlay the validation curves (and with --training the training curves) of run folders "
                + "written by image train, music train or compare (from their metrics.jsonl) in one PNG.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run folders holding metrics.jsonl")
    List<Path> runs;

    @Option(names = "--out", defaultValue = "runs/plot.png", description = "the chart (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--training", description = "also draw the training loss of each run")
    boolean training;

    @Override
    public Integer call() {
        Path written = LossCharts.overlay(runs, out, training);
        System.out.println("wrote " + written.toAbsolutePath().normalize());
        return 0;
    }
}

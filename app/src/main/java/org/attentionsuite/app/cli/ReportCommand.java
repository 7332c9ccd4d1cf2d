package org.attentionsuite.app.cli;

import java.util.concurrent.Callable;
import org.attentionsuite.experiments.report.MachineInfo;
import org.attentionsuite.experiments.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
/**
 * {@code suite report}: gathers the results in the output folder into {@code index.md} (the sweep,
 * the comparisons that {@link CompareCommand} writes).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Gather the latest results in --out (sweep, comparisons) into <out>/index.md with the charts, "
                + "the machine description and the commands that reproduce them.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    Flags.ReportFolder report;

    @Override
    public Integer call() {
        Report.Summary s = Report.build(report.ready(), MachineInfo.detect());
        System.out.println("Wrote " + s.index());
        s.included().forEach(p -> System.out.println("  included " + p));
        s.missing().forEach(c -> System.out.println("  not run yet: " + c));
        return 0;
    }
}

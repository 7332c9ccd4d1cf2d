package org.attentionsuite.app.cli;

import static java.util.Objects.requireNonNullElse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.experiments.report.Markdown;
import org.attentionsuite.experiments.sweep.CostSweep;
import org.attentionsuite.experiments.sweep.SweepOptions;
import org.attentionsuite.experiments.sweep.SweepResult;
import org.attentionsuite.experiments.sweep.SweepWriter;
import org.attentionsuite.experiments.sweep.Variants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code suite sweep}: time and memory of each attention variant against the sequence length. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Time and memory of each attention variant (alone, one head of Dh 64) over sequence lengths; "
                + "writes results/sweep.md, results/sweep.csv and log-log charts into --out and prints the "
                + "log-log slopes.")
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--lengths", split = ",", paramLabel = "L",
            description = "sequence lengths (default 256,512,1024,2048,4096; --preset quick: 256,512,1024)")
    List<Integer> lengths;

    @Option(names = "--sides", split = ",", paramLabel = "SIDE",
            description = "image sides of local2d, L = side² (default 16,32,64; --preset quick: 16,32)")
    List<Integer> sides;

    @Option(names = "--repetitions", description = "timed calls per point (default 5; --preset quick: 3)")
    Integer repetitions;

    @Option(names = "--untimed", description = "untimed calls per point before the timed ones (default 2)")
    Integer warmup;

    @Option(names = "--attention", split = ",", paramLabel = "NAME", completionCandidates = VariantNames.All.class,
            description = "variants of the image and music catalogues: ${COMPLETION-CANDIDATES} (default: the paper's "
                    + "six, full, local1d, local2d, relative-pairwise, relative, relative-local)")
    List<String> variants;

    @Option(names = "--d-model", description = "model width D (default 64)")
    Integer dModel;

    @Option(names = "--heads", description = "heads H (default 1, so the numbers read per head)")
    Integer heads;

    @Option(names = "--batch", description = "sequences per call (default 1)")
    Integer batch;

    @Option(names = "--max-seconds", description = "time budget per point; longer points are skipped (default 120)")
    Double maxSeconds;

    @Option(names = "--memory-cap-gib", description = "skip points needing more memory (default 4)")
    Double memoryCapGib;

    @Option(names = "--memory-check-length", description = "length of the skewed-vs-pairwise memory check, 0 = none "
            + "(default 2048)")
    Integer memoryCheckLength;

    @Option(names = "--preset", defaultValue = "paper", description = "paper (lengths 256..4096, sides 16..64, 5 "
            + "repetitions) | quick (lengths 256..1024, sides 16 and 32, 3 repetitions); default ${DEFAULT-VALUE}")
    String preset;

    @Mixin
    Flags.ReportFolder report;

    @Override
    public Integer call() {
        SweepOptions o = options();
        Path out = report.ready();
        System.err.println("Sweeping " + o.variants().size() + " variants; writing into " + out);
        SweepResult r = CostSweep.run(o, line -> System.err.println("  " + line));
        List<Path> written = SweepWriter.write(r, out);
        System.out.println("Log-log slopes (least squares over the measured lengths):");
        SweepWriter.slopeLines(r).forEach(l -> System.out.println("  " + l));
        r.memoryCheck().ifPresent(c -> System.out.printf("Memory check at L=%d, Dh=%d: skewed measured %s "
                + "(analytic (L·Dh+L²)·4 = %s); pairwise measured %s (analytic L²·Dh·4 = %s)%n", c.length(),
                c.headDim(), Markdown.bytes(c.skewedMeasured()), Markdown.bytes(c.skewedAnalytic()),
                c.pairwiseMeasured() < 0 ? c.pairwiseNote() : Markdown.bytes(c.pairwiseMeasured()),
                Markdown.bytes(c.pairwiseAnalytic())));
        Flags.ReportFolder.printWritten(written);
        return 0;
    }

    /** The options from the flags: every flag given, else the preset's value. */
    SweepOptions options() {
        SweepOptions p = switch (preset) {
            case "quick" -> SweepOptions.quick();
            case "paper" -> SweepOptions.defaults();
            default -> throw new UserError("--preset '" + preset + "' is unknown (known: paper, quick)");
        };
        if (memoryCapGib != null && !(memoryCapGib > 0)) {
            throw new UserError("--memory-cap-gib (" + memoryCapGib + ") must be positive");
        }
        return new SweepOptions(requireNonNullElse(lengths, p.lengths()), requireNonNullElse(sides, p.imageSides()),
                requireNonNullElse(dModel, p.dModel()), requireNonNullElse(heads, p.heads()),
                requireNonNullElse(batch, p.batch()), requireNonNullElse(repetitions, p.repetitions()),
                requireNonNullElse(warmup, p.warmup()),
                variants == null ? p.variants() : Variants.parseList(String.join(",", variants), "--attention"),
                requireNonNullElse(maxSeconds, p.maxSeconds()),
                memoryCapGib == null ? p.memoryCapBytes() : (long) (memoryCapGib * (1L << 30)),
                requireNonNullElse(memoryCheckLength, p.memoryCheckLength()), p.seed());
    }
}

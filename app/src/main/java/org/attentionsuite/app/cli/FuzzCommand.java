package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.fuzz.FuzzOptions;
import org.attentionsuite.core.fuzz.FuzzReport;
import org.attentionsuite.core.fuzz.FuzzTarget;
import org.attentionsuite.core.fuzz.Fuzzer;
import org.attentionsuite.core.fuzz.Mutator;
import org.attentionsuite.core.train.CheckpointFuzzTarget;
import org.attentionsuite.music.fuzz.MidiFuzzTarget;
import org.attentionsuite.music.fuzz.MidiSeedCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code suite fuzz}: long fuzzing runs of the readers of user files. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz a reader of user files with mutated inputs: every input must decode or give the "
                + "one-line data error; anything else, or an input slower than --timeout-ms, is a finding.",
        subcommands = {FuzzCommand.Midi.class, FuzzCommand.Checkpoints.class})
final class FuzzCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The options every fuzz target takes. */
    static final class Run {
        @Option(names = "--inputs", defaultValue = "100000", description = "inputs to run (default ${DEFAULT-VALUE})")
        long inputs;

        @Option(names = "--seed", defaultValue = "1", description = "seed of the input stream (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--timeout-ms", defaultValue = "5000",
                description = "time limit per input; slower inputs are findings (default ${DEFAULT-VALUE})")
        long timeoutMs;

        @Option(names = "--max-mutations", defaultValue = "8",
                description = "mutations per input, 1..N drawn uniformly (default ${DEFAULT-VALUE})")
        int maxMutations;

        /** The fuzzer's options, findings saved under {@code out}. */
        FuzzOptions options(Path out) {
            return new FuzzOptions(inputs, seed, Duration.ofMillis(timeoutMs), maxMutations, out, 3);
        }

        /**
         * Runs {@code target} on {@code mutator}'s inputs, printing the report; the exit code is 0
         * without findings, 1 with findings.
         *
         * @param what the reader under test, named in the opening line
         */
        int fuzz(FuzzOptions options, String what, FuzzTarget target, Mutator mutator) {
            System.err.println(String.format(Locale.ROOT, "Fuzzing %s: %,d inputs from %d seed files, seed %d, %d ms "
                    + "per input at most", what, inputs, mutator.corpusSize(), seed, timeoutMs));
            FuzzReport report = Fuzzer.run(target, mutator, options, line -> System.err.println("  " + line));
            print(report);
            return report.findings().isEmpty() ? 0 : 1;
        }
    }

    /** {@code suite fuzz midi}: the MIDI reader and the performance encoder, as training reads files. */
    @Command(name = "midi", mixinStandardHelpOptions = true,
            description = "Mutants of small MIDI files written in code (bit flips, byte and integer overwrites, "
                    + "chunk-length edits, inserts, deletes, splices) go through MidiReader and the performance "
                    + "encoder. Exit code 0 without findings, 1 with findings (their inputs are saved in --out).")
    static final class Midi implements Callable<Integer> {
        @CommandLine.Mixin
        Run run;

        @Option(names = "--out", defaultValue = "runs/fuzz/midi",
                description = "folder for the inputs of findings (default ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() {
            FuzzOptions options = run.options(out);
            return run.fuzz(options, "the MIDI reader", new MidiFuzzTarget(), new Mutator(MidiSeedCorpus.files()));
        }
    }

    /** {@code suite fuzz checkpoint}: the checkpoint loader. */
    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "Mutants of small checkpoints written in code (training state, weights-only float32 and "
                    + "float16) go through the checkpoint loader: each must load or be refused with the one-line "
                    + "checkpoint error. Exit code 0 without findings, 1 with findings (saved in --out).")
    static final class Checkpoints implements Callable<Integer> {
        @CommandLine.Mixin
        Run run;

        @Option(names = "--out", defaultValue = "runs/fuzz/checkpoint",
                description = "folder for the inputs of findings (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--sealed", description = "mutate only meta.json and seal each mutant into a valid "
                + "checkpoint (CRCs, the seed's arrays and checksums), so inputs reach the parser behind the "
                + "integrity check")
        boolean sealed;

        @Override
        public Integer call() throws java.io.IOException {
            FuzzOptions options = run.options(out);
            List<byte[]> seeds = CheckpointFuzzTarget.seeds(out.resolve("seeds"));
            if (sealed) {
                return run.fuzz(options, "the checkpoint loader behind its checksums",
                        new CheckpointFuzzTarget.Sealed(out.resolve("scratch"), seeds),
                        new Mutator(CheckpointFuzzTarget.metadata(seeds)));
            }
            return run.fuzz(options, "the checkpoint loader", new CheckpointFuzzTarget(out.resolve("scratch")),
                    new Mutator(seeds));
        }
    }

    static void print(FuzzReport r) {
        double seconds = r.wall().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%,d inputs in %.1f s (%,.0f/s): %,d decoded, %,d rejected with the data error, "
                        + "%d findings (%,d inputs)%s%n", r.inputs(), seconds, r.inputs() / seconds, r.accepted(),
                r.rejected(), r.findings().size(), r.failingInputs(), r.stoppedEarly() ? "; stopped early: too many "
                        + "hung inputs" : "");
        System.out.printf(Locale.ROOT, "slowest input: #%d, %.1f ms%n", r.slowestInput(), r.slowest().toNanos() / 1e6);
        for (FuzzReport.Finding f : r.findings()) {
            System.out.printf(Locale.ROOT, "finding: %s %s (%,d inputs, first #%d): %s%n", f.kind(), f.signature(),
                    f.count(), f.firstInput(), f.message());
            f.files().forEach(p -> System.out.println("  input saved: " + p.toAbsolutePath()));
        }
    }
}

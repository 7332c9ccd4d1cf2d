package org.attentionsuite.app.cli;

import java.io.IOException;
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
import org.attentionsuite.image.fuzz.ImageFuzzTarget;
import org.attentionsuite.image.fuzz.ImageSeedCorpus;
import org.attentionsuite.music.fuzz.MidiFuzzTarget;
import org.attentionsuite.music.fuzz.MidiSeedCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code suite fuzz}: long fuzzing runs of the readers of user files, one subcommand per reader. */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = "Fuzz a reader of user files with mutated inputs: every input must be read or refused with the "
                + "one-line error; anything else, an input slower than --timeout-ms or one that allocates more than "
                + "the reader may, is a finding.",
        subcommands = {FuzzCommand.Midi.class, FuzzCommand.Checkpoints.class, FuzzCommand.Config.class,
            FuzzCommand.Images.class})
final class FuzzCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * What every fuzz subcommand does: run its target on mutants of its seeds, print the report,
     * exit with 0 without findings and 1 with findings (their inputs saved in {@code --out},
     * {@code runs/fuzz/NAME} by default). A subcommand names its {@link Reader}.
     */
    abstract static class Campaign implements Callable<Integer> {
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

        @Option(names = "--out", paramLabel = "DIR",
                description = "folder for the inputs of findings (default runs/fuzz/ and the subcommand's name)")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /**
         * A reader under fuzzing.
         *
         * @param name what is fuzzed, for the opening line, e.g. "the MIDI reader"
         * @param seeds the seed files the inputs are mutants of
         * @param target the target that reads each input
         */
        record Reader(String name, List<byte[]> seeds, FuzzTarget target) {
        }

        /** @return the reader fuzzed, the files it needs (seeds, scratch) written under {@code folder} */
        abstract Reader reader(Path folder) throws IOException;

        @Override
        public Integer call() throws IOException {
            Path folder = out != null ? out : Path.of("runs", "fuzz", spec.name());
            FuzzOptions options = new FuzzOptions(inputs, seed, Duration.ofMillis(timeoutMs), maxMutations, folder, 3);
            Reader reader = reader(folder);
            System.err.printf(Locale.ROOT, "Fuzzing %s: %,d inputs from %d seed files, seed %d, %d ms per input at "
                    + "most%n", reader.name(), inputs, reader.seeds().size(), seed, timeoutMs);
            FuzzReport report = Fuzzer.run(reader.target(), new Mutator(reader.seeds()), options,
                    line -> System.err.println("  " + line));
            print(report);
            return report.findings().isEmpty() ? 0 : 1;
        }
    }

    /** {@code suite fuzz midi}: the MIDI reader and the performance encoder, as training reads files. */
    @Command(name = "midi", mixinStandardHelpOptions = true,
            description = "Mutants of small MIDI files written in code (bit flips, byte and integer overwrites, "
                    + "chunk-length edits, inserts, deletes, splices) go through MidiReader and the performance "
                    + "encoder. Exit code 0 without findings, 1 with findings (their inputs are saved in --out).")
    static final class Midi extends Campaign {
        @Override
        Reader reader(Path folder) {
            return new Reader("the MIDI reader", MidiSeedCorpus.files(), new MidiFuzzTarget());
        }
    }

    /** {@code suite fuzz checkpoint}: the checkpoint loader. */
    @Command(name = "checkpoint", mixinStandardHelpOptions = true,
            description = "Mutants of small checkpoints written in code (training state, weights-only float32 and "
                    + "float16) go through the checkpoint loader: each must load or be refused with the one-line "
                    + "checkpoint error. Exit code 0 without findings, 1 with findings (saved in --out).")
    static final class Checkpoints extends Campaign {
        @Option(names = "--sealed", description = "mutate only meta.json and seal each mutant into a valid "
                + "checkpoint (CRCs, the seed's arrays and checksums), so inputs reach the parser behind the "
                + "integrity check")
        boolean sealed;

        @Override
        Reader reader(Path folder) throws IOException {
            List<byte[]> checkpoints = CheckpointFuzzTarget.seeds(folder.resolve("seeds"));
            Path scratch = folder.resolve("scratch");
            return sealed ? new Reader("the checkpoint loader behind its checksums",
                    CheckpointFuzzTarget.metadata(checkpoints), new CheckpointFuzzTarget.Sealed(scratch, checkpoints))
                    : new Reader("the checkpoint loader", checkpoints, new CheckpointFuzzTarget(scratch));
        }
    }

    /** {@code suite fuzz config}: the config-file reader of {@code --config}. */
    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Mutants of config files written in code (the recipes' kinds, and values of every wrong "
                    + "type: null, objects, nested and deep lists, huge numbers and strings, NUL characters, lenient "
                    + "JSON) go to image train and music train as --config, through the parse to the run's validated "
                    + "options: each must be read or refused with one error line. Exit code 0 without findings, 1 "
                    + "with findings (saved in --out).")
    static final class Config extends Campaign {
        @Override
        Reader reader(Path folder) {
            return new Reader("the config-file reader", ConfigFuzzTarget.seeds(),
                    new ConfigFuzzTarget(folder.resolve("scratch")));
        }
    }

    /** {@code suite fuzz images}: the image decoders of {@code --data}. */
    @Command(name = "images", mixinStandardHelpOptions = true,
            description = "Mutants of small PNG, JPEG, GIF, IDX and CIFAR-10 files written in code, and of hostile "
                    + "headers (huge sizes, truncated data, wrong magic), are read as image train --data reads a file: "
                    + "each must be read or refused with one error line naming it, within the time limit and the "
                    + "memory its caps allow. Exit code 0 without findings, 1 with findings (saved in --out).")
    static final class Images extends Campaign {
        @Override
        Reader reader(Path folder) {
            return new Reader("the image decoders", ImageSeedCorpus.files(), new ImageFuzzTarget(folder.resolve("scratch")));
        }
    }

    static void print(FuzzReport r) {
        double seconds = r.wall().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "%,d inputs in %.1f s (%,.0f/s): %,d read, %,d refused with the one-line error, "
                        + "%d findings (%,d inputs)%s%n", r.inputs(), seconds, r.inputs() / seconds, r.accepted(),
                r.rejected(), r.findings().size(), r.failingInputs(), r.stoppedEarly() ? "; stopped early: too many "
                        + "hung inputs" : "");
        System.out.printf(Locale.ROOT, "slowest input: #%d, %.1f ms; most memory an input took: %s%n", r.slowestInput(),
                r.slowest().toNanos() / 1e6, r.mostAllocated() < 0 ? "not counted by this JVM"
                        : String.format(Locale.ROOT, "%.1f MiB", r.mostAllocated() / 1048576.0));
        for (FuzzReport.Finding f : r.findings()) {
            System.out.printf(Locale.ROOT, "finding: %s %s (%,d inputs, first #%d): %s%n", f.kind(), f.signature(),
                    f.count(), f.firstInput(), f.message());
            f.files().forEach(p -> System.out.println("  input saved: " + p.toAbsolutePath()));
        }
    }
}

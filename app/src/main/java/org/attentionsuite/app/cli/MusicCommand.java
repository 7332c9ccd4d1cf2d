package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.OutputFolder;
import org.attentionsuite.core.io.Terminal;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.experiments.report.LossCharts;
import org.attentionsuite.music.generate.GeneratedMusic;
import org.attentionsuite.music.generate.GenerationOptions;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.train.MusicData;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.attentionsuite.music.train.PieceSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code suite music ...}: train a Music Transformer and generate from its checkpoint. */
@Command(name = "music", mixinStandardHelpOptions = true,
        description = "Music Transformer (Huang et al. 2018): train on MIDI performances or JSB chorales, then "
                + "generate MIDI, a piano roll and a WAV.",
        subcommands = {MusicCommand.Train.class, MusicCommand.Generate.class})
final class MusicCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code suite music train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train on performance events (bundled Freedoom songs or MIDI folders, with transposition "
                    + "and time-stretch augmentation; 10%% of the pieces besides any --test pieces validate) or on "
                    + "JSB chorales; writes best.ckpt, last.ckpt, metrics.jsonl and loss.png into --out.",
                "Defaults: --data bundled, --attention relative, --length 256, --d-model 128, --heads 4, --layers 2, "
                    + "--dropout 0.1, --steps 2000, --batch 8, --lr 1e-3 (peak after the warm-up), "
                    + "--schedule inverse-sqrt, --warmup min(4000, steps/10), --eval-every min(1000, steps/10), --patience 0, "
                    + "--seed 1, --test 0 and --split-seed 2018 (performances), --out runs/music."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "bundled|<folder>[,...]",
                description = "'bundled' (the Freedoom songs) or a folder of .mid/.midi files, searched recursively; "
                        + "several, separated by commas, train on all of them")
        String data;

        @CommandLine.Mixin
        Flags.Chorales chorales;

        @Option(names = "--attention", completionCandidates = VariantNames.Music.class,
                description = "the attention: ${COMPLETION-CANDIDATES}")
        String attention;

        @Option(names = "--length", description = "training window in tokens (a multiple of 4 for chorales)")
        Integer length;

        @Option(names = "--relative-distance", paramLabel = "R", description = "rows of the relative tables "
                + "(relative, relative-shared, relative-pairwise): distances of R or more share the last row (default: "
                + "the --length, no clipping); a fixed R lets --init continue a model on longer windows")
        Integer relativeDistance;

        @Option(names = "--transpose", paramLabel = "K", description = "chorales: transpose each training window by a "
                + "random shift of -K..K semitones (default 0; performances are always transposed ±3 and stretched ±5%%)")
        Integer transpose;

        @CommandLine.Mixin
        Flags.Train flags;

        /** The options of this command line, defaults filled in (and written back into the fields). */
        MusicTrainingOptions options() {
            if (data != null && chorales.given()) {
                throw new UserError("give either --data or --chorales, not both");
            }
            MusicTrainingOptions d = MusicTrainingOptions.defaults();
            MusicSource source = chorales.given() ? chorales.source()
                    : data != null ? MusicSource.ofData(data, "--data") : d.source();
            data = !chorales.given() && data == null ? MusicSource.BUNDLED : data;
            attention = attention != null ? attention : d.attention().id();
            length = length != null ? length : d.length();
            relativeDistance = relativeDistance != null ? relativeDistance : d.relativeDistance();
            transpose = transpose != null ? transpose : d.transpose();
            if (!chorales.given()) {
                flags.split.resolve(d.split().test(), d.split().seed());
            } else if (flags.split.given()) {
                throw new UserError("--test and --split-seed are for MIDI performances; the chorales have their own "
                        + "test split");
            }
            PieceSplit pieces = !chorales.given() ? new PieceSplit(flags.split.test, flags.split.seed) : d.split();
            ModelSize m = flags.model.resolve(d.size());
            TrainingOptions t = flags.training.resolve(d.training());
            return new MusicTrainingOptions(source, MusicAttention.parse(attention), m, length, relativeDistance,
                    transpose, pieces, t, flags.run(d.run()));
        }

        @Override
        public Integer call() {
            MusicTrainingOptions o = options();
            TrainingResult r = MusicTraining.train(o, System.err, List.of(LossCharts.refreshing(o.run().out())));
            System.out.printf(Locale.ROOT, "trained %d steps%s in %.0f s; best validation %s%n", r.steps(),
                    r.stoppedEarly() ? " (stopped early)" : "", r.totalSeconds(),
                    ((MusicData) r.data()).describeLoss(r.bestValidationLoss()));
            Flags.Train.printRun(o.run(), "generate with: ./suite music generate --checkpoint " + r.best());
            return 0;
        }
    }

    /** {@code suite music generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Sample from a checkpoint, from scratch or continuing a MIDI primer; PAD is never sampled "
                    + "and sampling stops at EOS. Writes <name>.mid, <name>.png and <name>.wav.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Mixin
        Flags.Checkpoint from;

        @Option(names = "--primer", paramLabel = "<song.mid>", description = "continue this MIDI file (performance models)")
        Path primer;

        @Option(names = "--primer-seconds", paramLabel = "S",
                description = "prime with the events that start in the first S seconds (default 5)")
        Double primerSeconds;

        @Option(names = "--primer-events", paramLabel = "N", description = "prime with the first N events instead")
        Integer primerEvents;

        @Option(names = "--tokens", defaultValue = "512",
                description = "most tokens in all, primer included (default: ${DEFAULT-VALUE})")
        int length;

        @Option(names = "--seconds", defaultValue = "0",
                description = "stop once the music lasts this long, primer included (default: no limit)")
        double seconds;

        @CommandLine.Mixin
        Flags.Sampling sampling;

        @Option(names = "--out", defaultValue = "runs/music/samples", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--name", description = "file stem (default: sample-<seed>)")
        String name;

        @Option(names = "--no-wav", description = "skip the WAV rendering")
        boolean noWav;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (primerSeconds != null && primerEvents != null) {
                throw new UserError("give either --primer-seconds or --primer-events, not both");
            }
            if (primer == null && (primerSeconds != null || primerEvents != null)) {
                throw new UserError("--primer-seconds and --primer-events need --primer <song.mid>");
            }
            Primer p = primer == null ? Primer.start()
                    : primerEvents != null ? Primer.midiEvents(primer, primerEvents)
                    : Primer.midiSeconds(primer, primerSeconds != null ? primerSeconds : 5.0);
            GenerationOptions options = GenerationOptions.defaults(out, sampling.seed).withPrimer(p).withLength(length)
                    .withMaxSeconds(seconds).withSampling(sampling.config())
                    .withName(name != null ? name : "sample-" + sampling.seed).withWav(!noWav);
            try (OutputFolder folder = OutputFolder.open(out, CommandText.of(spec))) {  // checked and locked first
                return generate(options.withOutDir(folder.dir()));
            }
        }

        private int generate(GenerationOptions options) {
            MusicGenerator generator = MusicGenerator.load(from.file());
            boolean interactive = Terminal.interactive();
            GeneratedMusic g = generator.generate(options, Generator.Progress.counting(n -> {
                if (interactive && n % 16 == 0) {
                    System.err.print("\rgenerating: " + n + "/" + length + " tokens");
                }
            }));
            if (interactive) {
                System.err.println();
            }
            System.out.printf(Locale.ROOT, "generated %d %ss (%d primer) = %.1f s of music, %d notes%s%n",
                    g.sample().length(), generator.encoding().unit(), g.sample().primerLength(),
                    g.notes().totalSeconds(), g.notes().size(), g.sample().endedAtEos() ? ", ended with EOS" : "");
            for (Path f : g.files()) {
                System.out.println("  " + f.toAbsolutePath().normalize());
            }
            return 0;
        }
    }
}

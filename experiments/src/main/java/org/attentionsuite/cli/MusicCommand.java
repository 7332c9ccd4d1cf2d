package org.attentionsuite.cli;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.io.Terminal;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.music.generate.GeneratedMusic;
import org.attentionsuite.music.generate.GenerationOptions;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;
import org.attentionsuite.music.train.ModelSize;
import org.attentionsuite.music.train.MusicAttention;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.attentionsuite.music.train.MusicTrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            description = "Train on performance events (bundled Freedoom songs or a MIDI folder, with transposition "
                    + "and time-stretch augmentation, 10%% of the pieces held out) or on JSB chorales; writes "
                    + "last.ckpt and best.ckpt to --out.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--data", paramLabel = "bundled|<folder>",
                description = "'bundled' (the Freedoom songs, default) or a folder of .mid/.midi files, searched "
                        + "recursively")
        String data;

        @Option(names = "--chorales", paramLabel = "<json>",
                description = "train on the JSB chorales of Coconet's Jsb16thSeparated.json instead of --data")
        Path chorales;

        @Option(names = "--attention", defaultValue = "relative",
                description = "relative | absolute | relative-local (default: ${DEFAULT-VALUE})")
        String attention;

        @Option(names = "--length", defaultValue = "256", description = "training window in tokens (default: ${DEFAULT-VALUE})")
        int length;

        @Option(names = "--steps", defaultValue = "2000", description = "total optimizer steps (default: ${DEFAULT-VALUE})")
        long steps;

        @Option(names = "--batch", defaultValue = "8", description = "windows per batch (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--d-model", defaultValue = "128", description = "model width (default: ${DEFAULT-VALUE})")
        int dModel;

        @Option(names = "--layers", defaultValue = "2", description = "decoder blocks (default: ${DEFAULT-VALUE})")
        int layers;

        @Option(names = "--heads", defaultValue = "4", description = "attention heads (default: ${DEFAULT-VALUE})")
        int heads;

        @Option(names = "--dropout", defaultValue = "0.1", description = "dropout (default: ${DEFAULT-VALUE})")
        double dropout;

        @Option(names = "--lr", defaultValue = "1e-3",
                description = "peak learning rate of the warm-up/inverse-square-root schedule (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(names = "--warmup", description = "warm-up steps (default: a tenth of --steps, at most 4000)")
        Integer warmup;

        @Option(names = "--eval-every", description = "evaluate and checkpoint every N steps (default: a tenth of --steps)")
        Integer evalEvery;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--out", defaultValue = "runs/music", description = "checkpoint folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--resume", paramLabel = "<ckpt>",
                description = "continue from this checkpoint (its model is used; --steps is the new total)")
        Path resume;

        @Override
        public Integer call() {
            if (data != null && chorales != null) {
                throw new UserError("give either --data or --chorales, not both");
            }
            MusicSource source = chorales != null ? new MusicSource.Chorales(chorales) : MusicSource.ofData(data);
            MusicTrainingOptions options = MusicTrainingOptions.defaults(source, out)
                    .withAttention(MusicAttention.parse(attention))
                    .withSize(new ModelSize(dModel, heads, layers, dropout))
                    .withLength(length).withSteps(steps).withBatch(batch).withLearningRate(lr).withSeed(seed)
                    .withResume(resume);
            if (warmup != null) {
                options = options.withWarmupSteps(warmup);
            }
            if (evalEvery != null) {
                options = options.withEvalEvery(evalEvery);
            }
            MusicTrainingResult r = MusicTraining.train(options);
            System.out.printf(Locale.ROOT, "trained %d steps in %.0f s; best validation %.4f nats/%s%s%n", r.steps(),
                    r.seconds(), r.bestValidation(), r.encoding().unit(),
                    r.bestNatsPerNote().isPresent()
                            ? String.format(Locale.ROOT, " (%.4f nats/note)", r.bestNatsPerNote().getAsDouble()) : "");
            System.out.println("best checkpoint: " + r.bestCheckpoint().toAbsolutePath().normalize());
            System.out.println("last checkpoint: " + r.lastCheckpoint().toAbsolutePath().normalize());
            System.out.println("generate with:   ./suite music generate --checkpoint " + r.bestCheckpoint());
            return 0;
        }
    }

    /** {@code suite music generate}. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Sample from a checkpoint, from scratch or continuing a MIDI primer; PAD is never sampled "
                    + "and sampling stops at EOS. Writes <name>.mid, <name>.png and <name>.wav.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, paramLabel = "<ckpt>", description = "e.g. runs/music/best.ckpt")
        Path checkpoint;

        @Option(names = "--primer", paramLabel = "<song.mid>", description = "continue this MIDI file (performance models)")
        Path primer;

        @Option(names = "--primer-seconds", paramLabel = "S",
                description = "prime with the events that start in the first S seconds (default 5)")
        Double primerSeconds;

        @Option(names = "--primer-events", paramLabel = "N", description = "prime with the first N events instead")
        Integer primerEvents;

        @Option(names = "--length", defaultValue = "512",
                description = "most tokens in all, primer included (default: ${DEFAULT-VALUE})")
        int length;

        @Option(names = "--seconds", defaultValue = "0",
                description = "stop once the music lasts this long, primer included (default: no limit)")
        double seconds;

        @Option(names = "--temperature", defaultValue = "1.0", description = "0 = greedy (default: ${DEFAULT-VALUE})")
        double temperature;

        @Option(names = "--top-k", defaultValue = "0", description = "keep the k most likely tokens (0 = all)")
        int topK;

        @Option(names = "--top-p", defaultValue = "1.0", description = "nucleus mass (1 = all)")
        double topP;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--out", defaultValue = "runs/music/samples", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--name", description = "file stem (default: sample-<seed>)")
        String name;

        @Option(names = "--no-wav", description = "skip the WAV rendering")
        boolean noWav;

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
            GenerationOptions options = GenerationOptions.defaults(out, seed).withPrimer(p).withLength(length)
                    .withMaxSeconds(seconds).withSampling(new SamplingConfig(temperature, topK, topP, seed))
                    .withName(name != null ? name : "sample-" + seed).withWav(!noWav);
            MusicGenerator generator = MusicGenerator.load(checkpoint);
            boolean interactive = Terminal.interactive();
            GeneratedMusic g = generator.generate(options, n -> {
                if (interactive && n % 16 == 0) {
                    System.err.print("\rgenerating: " + n + "/" + length + " tokens");
                }
            });
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

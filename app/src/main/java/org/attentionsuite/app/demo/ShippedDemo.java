package org.attentionsuite.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.image.data.BundledImages;
import org.attentionsuite.image.data.ImageSet;
import org.attentionsuite.image.data.ImageSets;
import org.attentionsuite.image.sample.CompletionOptions;
import org.attentionsuite.image.sample.ImageCompletion;
import org.attentionsuite.image.sample.ImageCompletions;
import org.attentionsuite.image.sample.ImageSampler;
import org.attentionsuite.image.sample.ImageSamples;
import org.attentionsuite.image.sample.ImageSamplingOptions;
import org.attentionsuite.image.sample.TrainedImageModel;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.generate.GeneratedMusic;
import org.attentionsuite.music.generate.GenerationOptions;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;

/**
 * The demo on the models that ship in {@code models/}: no training, under a minute on two cores.
 * It writes a class-conditional Fashion-MNIST grid (one labelled row per class), completions of
 * real test images the model never saw (the bundled images are from Fashion-MNIST's test set), a
 * grid of silk icons, a four-voice chorale and a continuation of a Freedoom song held out of the
 * model's training (MIDI, piano roll, WAV each).
 */
public final class ShippedDemo {
    /** Samples per class in the Fashion-MNIST grid. */
    static final int PER_CLASS = 6;
    /** Real test images completed. */
    static final int COMPLETIONS = 8;
    /** Icons in the silk grid. */
    static final int ICONS = 16;
    /** Tokens of the chorale (4 per 16th note: 8 bars of 4/4). */
    static final int CHORALE_TOKENS = 513;
    /** Seconds of the song that prime the continuation, and seconds generated after them. */
    static final double PRIMER_SECONDS = 8;
    static final double CONTINUATION_SECONDS = 16;
    /**
     * Nucleus (top-p) of the music samples: at temperature 1 over the whole distribution, one
     * unlikely token now and then (a bass above the soprano) is copied for the rest of the chorale
     * (measured with {@code evaluate --samples 20} on the model shipped at step 3,250: 86% of
     * sampled steps in SATB range and order at top-p 1, 98% at 0.95; the test chorales: 96%).
     */
    static final double NUCLEUS = 0.95;
    /**
     * The bundled song the continuation starts from: one of the test pieces of the recipe the shipped
     * {@code game-midi} model was trained by (its {@code split-seed} 2024 is the first from 2018 that
     * picks this song), so the model neither trained on it nor chose its checkpoint by it
     * ({@code ShippedDemoTest} checks).
     */
    public static final String HELD_OUT_SONG = "freedoom2_d_ddtbl3.mid";

    private ShippedDemo() {
    }

    /** The shipped model {@code name} in {@code models}; a missing one is a clear error. */
    static Path model(Path models, String name) {
        Path f = models.resolve(name + ".ckpt");
        if (!Files.isRegularFile(f)) {
            throw new UserError(f + ": the shipped model " + name + " is missing (./suite demo --train trains small "
                    + "models instead)");
        }
        return f;
    }

    /** Samples every shipped model into {@code out}, the images decoded on {@code workers}; returns the files written. */
    public static List<Path> run(Path models, Path out, long seed, Workers workers) {
        List<Path> written = new ArrayList<>();
        long t0 = System.nanoTime();
        String command = "./suite demo --seed " + seed;

        TrainedImageModel fashion = TrainedImageModel.load(model(models, "fashion-mnist")).on(workers);
        ImageSamples grid = ImageSampler.sample(fashion, ImageSamplingOptions.of(PER_CLASS * fashion.classes(), seed,
                out.resolve("fashion-mnist")).withCommand(command));
        written.add(grid.grid());
        ImageSet all = BundledImages.fashionMnist2k();
        ImageSet real = ImageSets.fit(all.subset(all.count() - COMPLETIONS, all.count()), 28, 28, 1);
        ImageCompletions completions = ImageCompletion.complete(fashion, real,
                CompletionOptions.of(seed, out.resolve("fashion-mnist")).withCommand(command));
        written.add(completions.grid());
        log(t0, "fashion-mnist: %d class-conditional samples and %d completions", PER_CLASS * fashion.classes(),
                COMPLETIONS);

        TrainedImageModel silk = TrainedImageModel.load(model(models, "silk-icons")).on(workers);
        written.add(ImageSampler.sample(silk, ImageSamplingOptions.of(ICONS, seed, out.resolve("silk-icons"))
                .withCommand(command)).grid());
        log(t0, "silk-icons: %d icons", ICONS);

        MusicGenerator bach = MusicGenerator.load(model(models, "jsb-chorales"));
        GeneratedMusic chorale = bach.generate(GenerationOptions.defaults(out.resolve("jsb-chorales"), seed)
                .withLength(CHORALE_TOKENS).withSampling(new SamplingConfig(1.0, 0, NUCLEUS, seed))
                .withName("chorale"), null);
        written.addAll(chorale.files());
        log(t0, "jsb-chorales: a chorale of %.1f s", chorale.notes().totalSeconds());

        MusicGenerator games = MusicGenerator.load(model(models, "game-midi"));
        String song = HELD_OUT_SONG;
        GeneratedMusic continuation = games.generate(GenerationOptions.defaults(out.resolve("game-midi"), seed)
                .withPrimer(new Primer.Notes(song, BundledMusic.read(song), new Primer.Cut.Seconds(PRIMER_SECONDS)))
                .withLength(4096).withMaxSeconds(PRIMER_SECONDS + CONTINUATION_SECONDS)
                .withSampling(new SamplingConfig(1.0, 0, NUCLEUS, seed)).withName("continuation"), null);
        written.addAll(continuation.files());
        log(t0, "game-midi: %.1f s continuing %s, a song it did not train on", continuation.notes().totalSeconds(),
                song);
        return written;
    }

    private static void log(long t0, String format, Object... args) {
        System.err.printf(Locale.ROOT, "[demo %4.1f s] %s%n", (System.nanoTime() - t0) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}

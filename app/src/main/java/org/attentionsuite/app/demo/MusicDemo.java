package org.attentionsuite.app.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.music.bundled.BundledMusic;
import org.attentionsuite.music.generate.GeneratedMusic;
import org.attentionsuite.music.generate.GenerationOptions;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.train.MusicSource;
import org.attentionsuite.music.train.MusicTraining;
import org.attentionsuite.music.train.MusicTrainingOptions;
import org.attentionsuite.music.train.PerformanceData;

/**
 * The Music Transformer on bundled defaults: a tiny relative-attention model trained on the
 * Freedoom songs (performance events, windows of {@value #LENGTH}), then about
 * {@value #CONTINUATION_SECONDS} s of music continuing the first {@value #PRIMER_SECONDS} s of the
 * held-out song, written as MIDI, piano roll and WAV. About a minute on two cores at 300 steps.
 */
public final class MusicDemo {
    /** Training window in events. */
    static final int LENGTH = 128;
    /** Seconds of the held-out song that prime the model. */
    static final double PRIMER_SECONDS = 5;
    /** Seconds generated after the primer. */
    static final double CONTINUATION_SECONDS = 20;
    /** Upper bound on the sample's events (relative attention generates beyond its training window). */
    static final int MAX_EVENTS = 1536;

    private MusicDemo() {
    }

    /** Trains, generates and writes; returns the MIDI, piano roll, WAV and checkpoint paths. */
    public static List<Path> run(Path dir, int steps, long seed) {
        long start = System.nanoTime();
        System.err.println("[music] training a relative-attention model on the bundled Freedoom songs");
        MusicTrainingOptions options = MusicTrainingOptions.defaults(new MusicSource.Bundled(), dir)
                .withAttention(MusicAttention.RELATIVE)
                .withSize(ModelSize.micro()).withLength(LENGTH)
                .withTraining(new TrainingOptions(steps, 8, 3e-3, 0, Math.max(1, steps / 4), 0, seed))
                .withRun(new RunOptions(dir, new Start.Overwrite(), "./suite demo --train --steps " + steps + " --seed "
                        + seed, null));
        TrainingResult trained = MusicTraining.train(options, System.err, List.of());

        List<String> songs = BundledMusic.names();
        String heldOut = songs.get(PerformanceData.validationIndices(songs.size())[0]);
        System.err.printf(Locale.ROOT, "[music] continuing the first %.0f s of the held-out song %s%n", PRIMER_SECONDS,
                heldOut);
        MusicGenerator generator = MusicGenerator.load(trained.best());
        GenerationOptions generation = GenerationOptions.defaults(dir, seed)
                .withPrimer(new Primer.Notes(heldOut, BundledMusic.read(heldOut),
                        new Primer.Cut.Seconds(PRIMER_SECONDS)))
                .withLength(MAX_EVENTS)
                .withMaxSeconds(PRIMER_SECONDS + CONTINUATION_SECONDS)
                .withSampling(new SamplingConfig(1.0, 0, 0.95, seed))
                .withName("continuation");
        GeneratedMusic music = generator.generate(generation, null);
        System.err.printf(Locale.ROOT, "[music] %d events (%d primer), %.1f s, %d notes; validation %.3f nats/event;"
                + " music demo took %.1f s%n", music.sample().length(), music.sample().primerLength(),
                music.notes().totalSeconds(), music.notes().size(), trained.bestValidationLoss(),
                (System.nanoTime() - start) / 1e9);
        List<Path> written = new ArrayList<>(music.files());
        written.add(trained.best());
        return written;
    }
}

package org.attentionsuite.app.studio;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.music.generate.GeneratedMusic;
import org.attentionsuite.music.generate.GenerationOptions;
import org.attentionsuite.music.generate.MusicGenerator;
import org.attentionsuite.music.generate.Primer;

/**
 * The studio's music jobs, made by the function {@code music generate} calls with the options it
 * would build: the MIDI file, piano roll and WAV of a job are the files the command line written
 * in the job's result makes. The client gets the token count as it grows.
 */
final class MusicJobs {
    /** {@code music generate}'s {@code --primer-seconds} when a primer is given without one. */
    static final double PRIMER_SECONDS = 5.0;

    private final JobContext context;

    MusicJobs(JobContext context) {
        this.context = context;
    }

    /**
     * {@code ./suite music generate}: {@code model}, {@code primer} (a MIDI upload's name, else
     * from scratch), {@code primerSeconds}, {@code tokens}, {@code seconds} and the sampling fields.
     */
    Jobs.Work generate(long id, Fields f) {
        String model = f.text("model");
        Optional<Path> primerFile = f.optionalText("primer").map(context.uploads()::midi);
        double primerSeconds = f.decimal("primerSeconds", PRIMER_SECONDS);
        int tokens = f.integer("tokens", 512);
        double seconds = f.decimal("seconds", 0);
        SamplingConfig sampling = f.sampling();
        Path dir = context.outputs().folder(id);
        String name = "sample-" + sampling.seed();
        List<String> args = context.words(model, "music", "generate");
        primerFile.ifPresent(p -> args.addAll(List.of("--primer", p.toString(), "--primer-seconds",
                Fields.plain(primerSeconds))));
        args.addAll(List.of("--tokens", Integer.toString(tokens), "--seconds", Fields.plain(seconds)));
        String command = JobContext.command(args, sampling, dir);
        Primer primer = primerFile.map(p -> Primer.midiSeconds(p, primerSeconds)).orElse(Primer.start());
        GenerationOptions options = GenerationOptions.defaults(dir, sampling.seed())
                .withPrimer(primer)
                .withLength(tokens).withMaxSeconds(seconds)
                .withSampling(sampling).withName(name)
                .withWav(true);
        return job -> {
            MusicGenerator generator = context.models().music(model);
            GeneratedMusic g = generator.generate(options, ProgressEvents.tokens(job, tokens));
            Outputs outputs = context.outputs();
            Map<String, Object> done = JobContext.result(command);
            done.put("midi", outputs.url(g.midi()));
            done.put("roll", outputs.url(g.pianoRoll()));
            done.put("wav", g.wav().map(outputs::url).orElse(null));
            done.put("tokens", g.sample().tokens());
            done.put("primerLength", g.sample().primerLength());
            done.put("unit", generator.encoding().unit());
            done.put("notes", g.notes().size());
            done.put("musicSeconds", g.notes().totalSeconds());
            done.put("endedAtEos", g.sample().endedAtEos());
            return done;
        };
    }
}

package org.attentionsuite.music.generate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.sound.midi.Sequence;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.sample.StopRule;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MemoryEstimate;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.model.MusicTokens;
import org.attentionsuite.music.performance.PerformanceEncoder;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.attentionsuite.music.render.PianoRoll;
import org.attentionsuite.music.render.RollLabels;
import org.attentionsuite.music.render.WavRenderer;

/**
 * Generates music from a checkpoint alone: encode the primer, sample with the core's
 * {@link Generator}, decode and write. The checkpoint's token scheme ({@link MusicTokens}) says
 * whether it is a performance or a chorale model.
 *
 * <p><b>Sampling.</b> The core generator feeds the primer through the key/value cache, then draws
 * each token from the next-token logits with {@link SamplingConfig#sampler()} (temperature, top-k,
 * top-p) after PAD has been set to −∞ ({@link #forbidPad}). Its stop rules end the sample at EOS or
 * once the music reaches {@code maxSeconds}; otherwise it runs to {@code length} tokens.
 *
 * <p><b>Longer than the training window.</b> Relative attention with a fixed table and the
 * sinusoidal or absent position signal have no parameter sized by the model's maximum length, so
 * a longer sample is drawn from a copy of the model rebuilt with a larger {@code maxLength} and
 * the same weights (Huang et al. 2018 generate beyond their training length this way). Models
 * whose parameters depend on the length (learned positions) are refused with a message.
 */
public final class MusicGenerator {
    /** General MIDI program of chorale voices in the written files: Choir Aahs. */
    public static final int CHORALE_PROGRAM = 52;

    private final Object source;
    private final DecoderModel model;
    private final MusicEncoding encoding;
    private DecoderModel extended;

    /**
     * @param model  a music model
     * @param tokens what its token ids mean
     * @param source names the model in messages (e.g. its checkpoint file)
     */
    public MusicGenerator(DecoderModel model, MusicTokens tokens, Object source) {
        this.model = model;
        this.source = source;
        this.encoding = tokens.encoding();
        if (model.config().vocabSize() != encoding.vocabularySize() || model.config().conditionClasses() > 0) {
            throw new UserError(source + ": the model does not fit " + tokens.label());
        }
    }

    /**
     * Loads a checkpoint written by {@code music train}; its recorded token scheme says which music
     * it speaks.
     *
     * @throws org.attentionsuite.core.UserError naming the file if it is missing, unreadable or not
     *     a music model
     */
    public static MusicGenerator load(Path checkpoint) {
        return of(Checkpoint.load(checkpoint, Precision.FLOAT32));
    }

    /** The music model of a loaded checkpoint (see {@link #load}). */
    public static MusicGenerator of(Checkpoint.Loaded loaded) {
        return new MusicGenerator(loaded.model(), loaded.tokens(MusicTokens.class, "a music"), loaded.file());
    }

    public MusicEncoding encoding() {
        return encoding;
    }

    public DecoderModel model() {
        return model;
    }

    /** Sets the PAD logit to −∞: PAD only ever pads inputs and is never a valid next token. */
    public Generator.Constraint forbidPad() {
        int pad = encoding.pad();
        return (position, logits) -> logits[pad] = Double.NEGATIVE_INFINITY;
    }

    /**
     * The tokens of a primer.
     *
     * @throws IllegalArgumentException if a MIDI primer is given to a chorale model
     * @throws MusicDataException naming the file if a MIDI primer is missing or corrupt
     */
    public int[] primerTokens(Primer primer) {
        if (primer instanceof Primer.Start) {
            return encoding.startTokens();
        }
        if (encoding != MusicEncoding.PERFORMANCE) {
            throw new UserError(source + ": is a chorale model; MIDI primers need a performance model "
                    + "(generate chorales from scratch)");
        }
        if (primer instanceof Primer.Midi m) {
            return cut(PerformanceEncoder.encode(MidiReader.read(m.file())), m.cut(), m.file());
        }
        Primer.Notes n = (Primer.Notes) primer;
        if (n.notes().isEmpty()) {
            throw new MusicDataException(n.name() + ": no notes to prime with");
        }
        return cut(PerformanceEncoder.encode(n.notes()), n.cut(), n.name());
    }

    /** The first events of an encoding, as {@code cut} says. */
    static int[] cut(int[] events, Primer.Cut cut, Object name) {
        int n = cut instanceof Primer.Cut.Events e ? Math.min(e.count(), events.length)
                : startsBefore(events, PerformanceEncoder.toSteps(((Primer.Cut.Seconds) cut).seconds()));
        if (n == 0) {
            throw new MusicDataException(name + ": no events to prime with");
        }
        return Arrays.copyOf(events, n);
    }

    /** Length of the longest prefix whose events all start before {@code limit} steps. */
    private static int startsBefore(int[] events, int limit) {
        int now = 0;
        for (int i = 0; i < events.length; i++) {
            if (now >= limit) {
                return i;
            }
            if (PerformanceVocabulary.type(events[i]) == PerformanceVocabulary.EventType.TIME_SHIFT) {
                now += PerformanceVocabulary.value(events[i]);
            }
        }
        return events.length;
    }

    /**
     * Continues {@code primer} to at most {@code length} tokens.
     *
     * @param maxSeconds stop once the tokens describe this much music (0 = no limit)
     * @param progress   told after each step (may be null); it may stop the generation
     * @throws IllegalArgumentException if the primer is empty, longer than {@code length} or holds
     *     an id outside the vocabulary, or the model cannot be extended to {@code length}
     */
    public Sample sample(int[] primer, int length, double maxSeconds, SamplingConfig sampling,
            Generator.Progress progress) {
        if (primer.length == 0 || primer.length > length) {
            throw new UserError("the primer has " + primer.length + " tokens but --tokens is "
                    + length + " (the total, primer included); use a shorter primer or a larger --tokens");
        }
        for (int id : primer) {
            if (id < 0 || id >= encoding.vocabularySize() || id == encoding.pad()) {
                throw new UserError("primer token " + id + " is not a " + encoding.unit()
                        + " id (0.." + (encoding.vocabularySize() - 1) + ", not PAD)");
            }
        }
        StopRule stop = StopRule.atToken(encoding.eos())
                .or(StopRule.whenTotalReaches(encoding::secondsOf, maxSeconds));
        int[] tokens = new Generator(decoderFor(length)).generate(new int[][] {primer}, length, sampling, null,
                forbidPad(), stop, progress)[0];
        boolean eos = tokens.length > primer.length && tokens[tokens.length - 1] == encoding.eos();
        double total = 0;
        for (int id : tokens) {
            total += encoding.secondsOf(id);
        }
        return new Sample(tokens, primer.length, eos, total);
    }

    /**
     * Checks, before any sampling, that {@code samples} samples of up to {@code tokens} tokens, drawn
     * one at a time and all kept, fit in memory ({@link MemoryEstimate#decoding} of one sequence,
     * plus 4 bytes per kept token).
     *
     * @param options the options that set these numbers, named in the refusal (e.g. {@code "--tokens 3000000"})
     * @throws UserError naming {@code options} and the memory they imply
     */
    public void checkMemory(int samples, int tokens, String options) {
        MemoryEstimate.decoding(model.config(), model.parameterCount(), 1, tokens, model.precision())
                .plus("samples", 4L * samples * tokens).check(options, MemoryEstimate.available());
    }

    /**
     * Generates as {@code options} say and writes {@code <name>.mid}, {@code <name>.png} and,
     * if asked, {@code <name>.wav} (SoundFont {@value WavRenderer#DEFAULT_SOUNDFONT} when present),
     * each atomically.
     *
     * @throws MusicDataException naming the checkpoint if the sample contains no notes
     */
    public GeneratedMusic generate(GenerationOptions options, Generator.Progress progress) {
        checkMemory(1, options.length(), "--tokens " + options.length());
        int[] primer = primerTokens(options.primer());
        Sample s = sample(primer, options.length(), options.maxSeconds(), options.sampling(), progress);
        return write(s, options.outDir(), options.name(), options.wav());
    }

    /** Decodes a sample and writes its files (see {@link #generate}). */
    public GeneratedMusic write(Sample s, Path outDir, String name, boolean wav) {
        NoteSequence notes = encoding.decode(s.tokens());
        if (notes.isEmpty()) {
            throw new MusicDataException(source + ": the sample (" + s.length() + " " + encoding.unit()
                    + "s) contains no notes; try another --seed, a larger --tokens or a longer-trained checkpoint");
        }
        Sequence sequence;
        if (encoding == MusicEncoding.CHORALE) {
            int[] programs = new int[notes.channels().length];
            Arrays.fill(programs, CHORALE_PROGRAM);
            sequence = MidiWriter.toSequence(notes, programs);
        } else {
            sequence = MidiWriter.toSequence(notes);
        }
        Path midi = outDir.resolve(name + ".mid");
        MidiWriter.writeSequence(sequence, midi);
        Path png = outDir.resolve(name + ".png");
        RollLabels labels = SampleRoll.labels(encoding, s);
        PianoRoll.fitting(notes, labels).write(notes, png, labels);
        Optional<Path> wavFile = Optional.empty();
        if (wav) {
            Path file = outDir.resolve(name + ".wav");
            new WavRenderer().render(sequence, file);
            wavFile = Optional.of(file);
        }
        return new GeneratedMusic(s, notes, midi, png, wavFile);
    }

    /**
     * The model to decode {@code length} tokens with: this one if they fit its maximum length
     * (plus the last token, which is never fed), else a copy rebuilt with a larger maximum length.
     */
    DecoderModel decoderFor(int length) {
        ModelConfig c = model.config();
        if (length - 1 <= c.maxLength()) {
            return model;
        }
        if (extended != null && extended.config().maxLength() >= length - 1) {
            return extended;
        }
        DecoderModel longer = new DecoderModel(c.withMaxLength(length - 1), model.precision(), 0);
        int count = model.parameterCount();
        if (longer.parameterCount() != count) {
            throw new UserError(source + ": this model (" + c.position().label() + " positions, "
                    + c.attention().label() + ") has parameters sized by its training length and cannot generate "
                    + "more than " + (c.maxLength() + 1) + " tokens; use --tokens " + (c.maxLength() + 1) + " or less");
        }
        longer.params().values().mat(0, 1, count).copyFrom(model.params().values().mat(0, 1, count));
        extended = longer;
        return longer;
    }
}

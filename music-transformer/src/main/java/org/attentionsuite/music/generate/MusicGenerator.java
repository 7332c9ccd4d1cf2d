package org.attentionsuite.music.generate;

import org.attentionsuite.core.UserError;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;
import javax.sound.midi.Sequence;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.DecodingState;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.sample.TokenSampler;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.performance.PerformanceEncoder;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.attentionsuite.music.render.PianoRoll;
import org.attentionsuite.music.render.WavRenderer;
import org.attentionsuite.music.train.MusicEncoding;

/**
 * Generates music from a checkpoint alone. The checkpoint's vocabulary says whether it is a
 * performance or a chorale model ({@link MusicEncoding#forVocabulary}).
 *
 * <p><b>Sampling.</b> The primer is fed token by token through the key/value cache, then each
 * token is drawn from the next-token logits with {@link SamplingConfig#sampler()} (temperature,
 * top-k, top-p) after PAD has been set to −∞ ({@link #forbidPad}). Sampling stops at EOS, once
 * the music reaches {@code maxSeconds}, or at {@code length} tokens. The loop is the core
 * {@link Generator}'s for one sequence (same random stream, hence the same tokens for a seed) with
 * those two early stops added; the core's loop always runs to the full length.
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
     * @param source names the model in messages (e.g. its checkpoint file)
     * @throws IllegalArgumentException if the vocabulary is not a music encoding's
     */
    public MusicGenerator(DecoderModel model, Object source) {
        this.model = model;
        this.source = source;
        this.encoding = MusicEncoding.forVocabulary(model.config().vocabSize(), source);
        if (model.config().conditionClasses() > 0) {
            throw new UserError(source + ": class-conditional models are not music models");
        }
    }

    /**
     * Loads a checkpoint written by {@code MusicTraining}.
     *
     * @throws org.attentionsuite.core.checkpoint.CheckpointException naming the file if it is
     *     missing or unreadable
     */
    public static MusicGenerator load(Path checkpoint) {
        return new MusicGenerator(Checkpoint.load(checkpoint, Precision.FLOAT32).model(), checkpoint);
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
     * @param progress   called with the number of tokens so far after each step (may be null)
     * @throws IllegalArgumentException if the primer is empty, longer than {@code length} or holds
     *     an id outside the vocabulary, or the model cannot be extended to {@code length}
     */
    public Sample sample(int[] primer, int length, double maxSeconds, SamplingConfig sampling, IntConsumer progress) {
        if (primer.length == 0 || primer.length > length) {
            throw new UserError("the primer has " + primer.length + " tokens but --length is "
                    + length + " (the total, primer included); use a shorter primer or a longer --length");
        }
        double seconds = 0;
        for (int id : primer) {
            if (id < 0 || id >= encoding.vocabularySize() || id == encoding.pad()) {
                throw new UserError("primer token " + id + " is not a " + encoding.unit()
                        + " id (0.." + (encoding.vocabularySize() - 1) + ", not PAD)");
            }
            seconds += encoding.secondsOf(id);
        }
        DecoderModel m = decoderFor(length);
        int[] out = Arrays.copyOf(primer, length);
        int n = primer.length;
        boolean eos = false;
        Random rng = new Random(sampling.seed());
        TokenSampler sampler = sampling.sampler();
        Generator.Constraint constraint = forbidPad();
        DecodingState state = m.newDecodingState(1, length - 1, null);
        double[] row = new double[encoding.vocabularySize()];                 // (V)
        for (int t = 0; t < length - 1; t++) {
            Mat logits = m.step(state, new int[] {out[t]});                     // (1, V) for position t + 1
            if (t + 1 < primer.length) {
                continue;                                                       // still inside the primer
            }
            for (int j = 0; j < row.length; j++) {
                row[j] = logits.get(0, j);
            }
            constraint.apply(t + 1, row);
            int id = sampler.sample(row, rng);
            out[t + 1] = id;
            n = t + 2;
            seconds += encoding.secondsOf(id);
            if (progress != null) {
                progress.accept(n);
            }
            if (id == encoding.eos()) {
                eos = true;
                break;
            }
            if (maxSeconds > 0 && seconds >= maxSeconds) {
                break;
            }
        }
        return new Sample(Arrays.copyOf(out, n), primer.length, eos, seconds);
    }

    /**
     * Generates as {@code options} say and writes {@code <name>.mid}, {@code <name>.png} and,
     * if asked, {@code <name>.wav} (SoundFont {@value WavRenderer#DEFAULT_SOUNDFONT} when present),
     * each atomically.
     *
     * @throws MusicDataException naming the checkpoint if the sample contains no notes
     */
    public GeneratedMusic generate(GenerationOptions options, IntConsumer progress) {
        int[] primer = primerTokens(options.primer());
        Sample s = sample(primer, options.length(), options.maxSeconds(), options.sampling(), progress);
        return write(s, options.outDir(), options.name(), options.wav());
    }

    /** Decodes a sample and writes its files (see {@link #generate}). */
    public GeneratedMusic write(Sample s, Path outDir, String name, boolean wav) {
        NoteSequence notes = encoding.decode(s.tokens());
        if (notes.isEmpty()) {
            throw new MusicDataException(source + ": the sample (" + s.length() + " " + encoding.unit()
                    + "s) contains no notes; try another --seed, a longer --length or a longer-trained checkpoint");
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
        PianoRoll.standard().write(notes, png, SampleRoll.labels(encoding, s));
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
                    + "more than " + (c.maxLength() + 1) + " tokens; use --length " + (c.maxLength() + 1) + " or less");
        }
        longer.params().values().mat(0, 1, count).copyFrom(model.params().values().mat(0, 1, count));
        extended = longer;
        return longer;
    }
}

package org.attentionsuite.music.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.CheckpointException;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingCheckpoint;
import org.attentionsuite.core.train.TrainingRun;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.midi.MidiReader;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.model.MusicAttention;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.model.MusicModels;
import org.attentionsuite.music.model.MusicTokens;
import org.attentionsuite.music.performance.PerformanceEncoder;
import org.attentionsuite.music.performance.PerformanceVocabulary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation from checkpoints of untrained tiny models (sampling is then close to uniform, which
 * exercises every event type). Output biases are set by hand where a test needs a model that
 * prefers one token.
 */
class MusicGeneratorTest {
    private static final int TRAIN_LENGTH = 48;
    private static final int PAD = PerformanceVocabulary.PAD;
    private static final int EOS = PerformanceVocabulary.EOS;

    @TempDir
    static Path dir;
    static Path checkpoint;
    static Path song;

    @BeforeAll
    static void fixtures() throws IOException {
        // a relative model that never ends a piece early (EOS bias −30)
        checkpoint = save(MusicModels.performance(MusicAttention.RELATIVE, new ModelSize(32, 4, 1, 0.0), TRAIN_LENGTH),
                "relative.ckpt", EOS, -30);
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            notes.add(new Note(60 + i % 12, 40 + 2 * i, 0.25 * i, 0.25 * i + 0.4));
        }
        song = dir.resolve("song.mid");
        MidiWriter.write(new NoteSequence(notes), song);
    }

    /** Saves an untrained model whose output bias of {@code token} is {@code bias}. */
    static Path save(ModelConfig config, String name, int token, double bias) {
        DecoderModel model = new DecoderModel(config, Precision.FLOAT32, 11);
        for (Param p : model.params().all()) {
            if (p.name().equals("output.bias")) {
                p.value().set(0, token, bias);
            }
        }
        Path file = dir.resolve(name);
        TrainingCheckpoint.save(new TrainingRun(model, TrainConfig.of(1, new LearningRateSchedule.Constant(1e-3), 0), "test"),
                file, new Checkpoint.RunRecord(tokens(config), "test", null));
        return file;
    }

    static MusicTokens tokens(ModelConfig config) {
        return MusicTokens.of(config.vocabSize() == MusicEncoding.CHORALE.vocabularySize() ? MusicEncoding.CHORALE
                : MusicEncoding.PERFORMANCE);
    }

    private static SamplingConfig seed(long s) {
        return SamplingConfig.of(s);
    }

    @Test
    void sameSeedSameMusicOtherSeedOtherMusic() {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        int[] start = g.primerTokens(Primer.start());
        Sample a = g.sample(start, 40, 0, seed(7), null);
        Sample b = MusicGenerator.load(checkpoint).sample(start, 40, 0, seed(7), null);
        Sample c = g.sample(start, 40, 0, seed(8), null);
        assertArrayEquals(a.tokens(), b.tokens());
        assertFalse(Arrays.equals(a.tokens(), c.tokens()));
        assertEquals(40, a.length());
    }

    @Test
    void matchesTheCoreGeneratorWithTheSameConstraint() {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        int[] primer = {PerformanceVocabulary.velocity(10), PerformanceVocabulary.noteOn(60)};
        Sample ours = g.sample(primer, 45, 0, new SamplingConfig(0.9, 50, 0.95, 4), null);
        int[] core = new Generator(g.model()).generate(new int[][] {primer}, 45, new SamplingConfig(0.9, 50, 0.95, 4),
                null, g.forbidPad(), null)[0];
        assertArrayEquals(core, ours.tokens());
    }

    @Test
    void honoursTheMidiPrimerExactly() {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        int[] encoded = PerformanceEncoder.encode(MidiReader.read(song));
        Sample s = g.sample(g.primerTokens(Primer.midiEvents(song, 20)), 40, 0, seed(1), null);
        assertEquals(20, s.primerLength());
        assertArrayEquals(Arrays.copyOf(encoded, 20), Arrays.copyOf(s.tokens(), 20));

        int[] twoSeconds = g.primerTokens(Primer.midiSeconds(song, 2.0));
        assertArrayEquals(Arrays.copyOf(encoded, twoSeconds.length), twoSeconds);
        double elapsed = 0;
        for (int id : twoSeconds) {
            assertTrue(elapsed < 2.0, "every primer event starts before 2 s");
            elapsed += g.encoding().secondsOf(id);
        }
        assertTrue(elapsed >= 2.0 - 1e-9, "the next event starts at or after 2 s (at " + elapsed + ")");
    }

    @Test
    void neverSamplesPadEvenWhenTheModelPrefersIt() {
        Path padLover = save(MusicModels.performance(MusicAttention.RELATIVE, new ModelSize(32, 4, 1, 0.0), TRAIN_LENGTH),
                "pad.ckpt", PAD, 30);
        MusicGenerator g = MusicGenerator.load(padLover);
        int[] start = g.primerTokens(Primer.start());
        int[] unconstrained = new Generator(g.model()).generate(new int[][] {start}, 40, seed(2), null, null, null)[0];
        assertTrue(Arrays.stream(unconstrained).filter(t -> t == PAD).count() > 30, "control: the model wants PAD");
        for (long s = 0; s < 5; s++) {
            Sample sample = g.sample(start, 40, 0, seed(s), null);
            assertFalse(Arrays.stream(sample.tokens()).anyMatch(t -> t == PAD), "seed " + s);
        }
    }

    @Test
    void stopsAtEos() {
        Path eosLover = save(MusicModels.performance(MusicAttention.RELATIVE, new ModelSize(32, 4, 1, 0.0), TRAIN_LENGTH),
                "eos.ckpt", EOS, 30);
        MusicGenerator g = MusicGenerator.load(eosLover);
        int[] primer = g.primerTokens(Primer.midiEvents(song, 10));
        Sample s = g.sample(primer, 40, 0, seed(1), null);
        assertTrue(s.endedAtEos());
        assertEquals(11, s.length());
        assertEquals(EOS, s.tokens()[10]);
    }

    @Test
    void stopsOnceTheMusicIsLongEnough() {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        Sample s = g.sample(g.primerTokens(Primer.start()), 400, 3.0, seed(5), null);
        assertTrue(s.seconds() >= 3.0 && s.length() < 400, s.seconds() + " s in " + s.length() + " events");
        double withoutLast = s.seconds() - g.encoding().secondsOf(s.tokens()[s.length() - 1]);
        assertTrue(withoutLast < 3.0, "stops at the first event that reaches 3 s");
    }

    @Test
    void generatesBeyondTheTrainingLengthWithTheSameWeights() {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        int[] start = g.primerTokens(Primer.start());
        Sample within = g.sample(start, TRAIN_LENGTH + 1, 0, seed(3), null);
        Sample beyond = g.sample(start, 3 * TRAIN_LENGTH, 0, seed(3), null);
        assertEquals(3 * TRAIN_LENGTH, beyond.length());
        assertArrayEquals(within.tokens(), Arrays.copyOf(beyond.tokens(), TRAIN_LENGTH + 1),
                "the rebuilt model decodes the shared prefix exactly like the original");

        ModelConfig learned = MusicModels.performance(MusicAttention.ABSOLUTE, new ModelSize(32, 4, 1, 0.0), TRAIN_LENGTH)
                .withPosition(new Positions.Learned());
        MusicGenerator fixed = new MusicGenerator(new DecoderModel(learned, Precision.FLOAT32, 1), tokens(learned), "learned.ckpt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fixed.sample(start, 100, 0, seed(1), null));
        assertTrue(e.getMessage().startsWith("learned.ckpt: ") && e.getMessage().contains("--tokens 49 or less"),
                e.getMessage());
    }

    @Test
    void writesMidiPianoRollAndWav() throws IOException {
        MusicGenerator g = MusicGenerator.load(checkpoint);
        GenerationOptions o = GenerationOptions.defaults(dir.resolve("out"), 9)
                .withPrimer(Primer.midiSeconds(song, 3)).withLength(120);
        GeneratedMusic m = g.generate(o, null);
        assertEquals(dir.resolve("out/sample-9.mid"), m.midi());
        NoteSequence back = MidiReader.read(m.midi());
        assertFalse(back.isEmpty());
        assertEquals(m.notes().size(), back.size());
        assertTrue(Files.size(m.pianoRoll()) > 100);
        Path wav = m.wav().orElseThrow();
        assertTrue(Files.size(wav) > 44 + 44_100 * 4, "more than a second of 16-bit stereo audio");
        assertEquals(3, m.files().size());
    }

    /**
     * Music longer than the standard piano roll's 600 s (e.g. a long primer) still gets its piano roll, at fewer
     * pixels per second: it used to fail with "... would be 35175 pixels wide (max 30000)" after sampling, having
     * written the MIDI file but neither the PNG nor the WAV.
     */
    @Test
    void musicLongerThanTenMinutesGetsAllItsFiles() throws IOException {
        int[] events = PerformanceEncoder.encode(NoteSequence.of(new Note(60, 80, 0, 1), new Note(62, 80, 700, 701)));
        Sample s = new Sample(events, events.length, false, 701);
        GeneratedMusic m = MusicGenerator.load(checkpoint).write(s, dir.resolve("long"), "long", false);
        assertEquals(2, MidiReader.read(m.midi()).size());
        assertTrue(PngFiles.read(m.pianoRoll()).getWidth() > 701, "at least a pixel per second");
    }

    @Test
    void choraleModelsStartFromAChordAndWriteFourVoices() {
        Path chorales = save(MusicModels.chorales(MusicAttention.RELATIVE, new ModelSize(32, 4, 1, 0.0), 64),
                "chorale.ckpt", ChoraleEncoding.EOS, -30);
        MusicGenerator g = MusicGenerator.load(chorales);
        GeneratedMusic m = g.generate(GenerationOptions.defaults(dir.resolve("chorale"), 2)
                .withLength(64)
                .withWav(false), null);
        assertArrayEquals(new int[] {72, 67, 64, 48}, Arrays.copyOf(m.sample().tokens(), 4));
        assertFalse(Arrays.stream(m.sample().tokens()).anyMatch(t -> t == ChoraleEncoding.PAD));
        assertTrue(m.wav().isEmpty());
        assertTrue(MidiReader.read(m.midi()).channels().length >= 3);
        IllegalArgumentException midi = assertThrows(IllegalArgumentException.class,
                () -> g.primerTokens(Primer.midiEvents(song, 5)));
        assertTrue(midi.getMessage().startsWith(chorales.toString()), midi.getMessage());
    }

    @Test
    void badInputsGiveOneLineNamingTheFile() throws IOException {
        Path missing = dir.resolve("nope.ckpt");
        CheckpointException ckpt = assertThrows(CheckpointException.class, () -> MusicGenerator.load(missing));
        assertTrue(ckpt.getMessage().startsWith(missing.toString()), ckpt.getMessage());

        Path corrupt = dir.resolve("corrupt.mid");
        Files.write(corrupt, Arrays.copyOf(Files.readAllBytes(song), 40));          // truncated
        MusicGenerator g = MusicGenerator.load(checkpoint);
        MusicDataException bad = assertThrows(MusicDataException.class,
                () -> g.primerTokens(Primer.midiSeconds(corrupt, 5)));
        assertTrue(bad.getMessage().startsWith(corrupt.toString()), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"));

        Path text = dir.resolve("notes.mid");
        Files.writeString(text, "not midi at all");
        MusicDataException notMidi = assertThrows(MusicDataException.class,
                () -> g.generate(GenerationOptions.defaults(dir, 1)
                        .withPrimer(Primer.midiEvents(text, 5)), null));
        assertEquals(text + ": not a MIDI file (bad header)", notMidi.getMessage());

        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> g.sample(g.primerTokens(Primer.midiEvents(song, 30)), 20, 0, seed(1), null));
        assertTrue(tooLong.getMessage().contains("--tokens is 20"), tooLong.getMessage());

        UserError farCut = assertThrows(UserError.class, () -> Primer.midiSeconds(song, 1e300));
        assertEquals("--primer-seconds (1.0E300) must be positive and at most 10737418 (124 days, the longest time "
                + "the events encode)", farCut.getMessage());
    }
}

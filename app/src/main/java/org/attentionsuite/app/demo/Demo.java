package org.attentionsuite.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.SequenceCorpus;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.core.train.TrainingResult;
import org.attentionsuite.core.train.TrainingSession;
import org.attentionsuite.core.train.TrainingTask;

/** The main job on bundled defaults; returns the files it wrote. */
public final class Demo {
    /** Bytes of text per training window. */
    static final int LENGTH = 64;

    private Demo() {
    }

    public static List<Path> run(Path out, int steps, long seed) throws IOException {
        List<Path> written = new ArrayList<>();
        written.addAll(textDemo(out.resolve("text"), steps, seed));
        written.addAll(ImageDemo.run(out.resolve("image"), steps, seed));
        written.addAll(MusicDemo.run(out.resolve("music"), steps, seed));
        return written;
    }

    /**
     * The core on its own: a byte-level model of a short real text (Poe's "The Raven"), trained by
     * the {@link TrainingSession} on nine tenths of it and validated on the rest, then sampled.
     */
    static List<Path> textDemo(Path dir, int steps, long seed) throws IOException {
        int[] tokens = poem();
        System.err.println("[text] training a byte-level model on a bundled poem");
        TrainingResult trained = TrainingSession.run(new TextTask(tokens, dir, steps, seed), System.err, List.of());
        DecoderModel model = Checkpoint.load(trained.last(), Precision.FLOAT32).model();    // the trained weights
        int[][] sample = new Generator(model).generate(new int[][] {Arrays.copyOf(tokens, 8)}, LENGTH + 1,
                new SamplingConfig(0.8, 0, 0.95, seed), null, null, null);
        byte[] text = new byte[sample[0].length];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) sample[0][i];
        }
        Path file = dir.resolve("sample.txt");
        AtomicFiles.write(file, text);
        System.err.println("[text] sample: " + new String(text, StandardCharsets.ISO_8859_1).replace('\n', ' '));
        return List.of(file, trained.last());
    }

    /** The bundled poem as byte tokens. */
    private static int[] poem() throws IOException {
        byte[] bytes;
        try (InputStream in = Demo.class.getResourceAsStream("/org/attentionsuite/core/the-raven.txt")) {
            bytes = in.readAllBytes();
        }
        int[] tokens = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tokens[i] = bytes[i] & 0xff;
        }
        return tokens;
    }

    /**
     * The poem as a session task: {@link ModelSize#micro()} over 256 byte ids, windows of
     * {@value #LENGTH}, batches of 8, rate 3e-3 with 30 warm-up steps and a cosine to a tenth of it,
     * three evaluations, a fresh run over the folder's last one.
     */
    private record TextTask(int[] text, Path dir, int steps, long seed) implements TrainingTask, TrainingPlan {
        @Override
        public TrainingPlan plan() {
            return this;
        }

        @Override
        public TokenScheme tokens() {
            return new TokenScheme.Plain(256);
        }

        @Override
        public ModelConfig modelConfig() {
            return ModelConfig.of(256, ModelSize.micro(), LENGTH);
        }

        @Override
        public TrainingOptions training() {
            return new TrainingOptions(steps, 8, 3e-3, 30, Math.max(1, steps / 3), 0, seed);
        }

        @Override
        public RunOptions run() {
            return new RunOptions(dir, new Start.Overwrite(), "./suite demo --train --steps " + steps + " --seed "
                    + seed, null);
        }

        @Override
        public DataSource openData(ModelConfig model, PrintStream log) {
            int split = text.length * 9 / 10;
            return new SequenceCorpus(List.of(Arrays.copyOf(text, split)),
                    List.of(Arrays.copyOfRange(text, split, text.length)), training().batch(), LENGTH, ' ');
        }

        @Override
        public TrainConfig trainConfig(ModelConfig model) {
            TrainingOptions t = training();
            return TrainConfig.of(steps, new LearningRateSchedule.Cosine(t.learningRate(), t.warmup(), steps,
                    t.learningRate() / 10), seed).withEvalEvery(t.evalEvery());
        }

        @Override
        public String sizeOptions(ModelConfig model) {
            return "the text demo's model (" + model.dModel() + " wide, windows of " + LENGTH + " bytes, batch "
                    + training().batch() + ")";
        }
    }
}

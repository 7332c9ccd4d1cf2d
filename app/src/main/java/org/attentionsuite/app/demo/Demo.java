package org.attentionsuite.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.sample.Generator;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.CheckpointListener;
import org.attentionsuite.core.train.LearningRateSchedule;
import org.attentionsuite.core.train.ProgressLine;
import org.attentionsuite.core.train.SequenceCorpus;
import org.attentionsuite.core.train.TrainConfig;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.core.train.TrainingRun;

/** The main job on bundled defaults; returns the files it wrote. */
public final class Demo {
    private Demo() {
    }

    public static List<Path> run(Path out, int steps, long seed) throws IOException {
        List<Path> written = new ArrayList<>();
        written.addAll(textDemo(out.resolve("text"), steps, seed));
        written.addAll(ImageDemo.run(out.resolve("image"), steps, seed));
        written.addAll(MusicDemo.run(out.resolve("music"), steps, seed));
        return written;
    }

    /** The core on its own: a byte-level model of a short real text (Poe's "The Raven"). */
    static List<Path> textDemo(Path dir, int steps, long seed) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes;
        try (InputStream in = Demo.class.getResourceAsStream("/org/attentionsuite/core/the-raven.txt")) {
            bytes = in.readAllBytes();
        }
        int[] tokens = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tokens[i] = bytes[i] & 0xff;
        }
        int split = tokens.length * 9 / 10;
        SequenceCorpus data = new SequenceCorpus(List.of(Arrays.copyOf(tokens, split)),
                List.of(Arrays.copyOfRange(tokens, split, tokens.length)), 8, 64, ' ');
        DecoderModel model = new DecoderModel(ModelConfig.of(256, ModelSize.micro(), 64), Precision.FLOAT32, seed);
        TrainConfig tc = TrainConfig.of(steps, new LearningRateSchedule.Cosine(3e-3, 30, steps, 3e-4), seed)
                .withEvalEvery(Math.max(1, steps / 3));
        System.err.println("[text] training a " + model.parameterCount() + "-parameter model on a bundled poem");
        CheckpointListener ckpt = new CheckpointListener(dir, new Checkpoint.RunRecord(new TokenScheme.Plain(256),
                "suite demo", null));
        try (Replicas replicas = Workers.allCores().open(model, 1)) {
            new Trainer().listen(ProgressLine.console()).listen(ckpt).train(new TrainingRun(model, tc,
                    data.fingerprint()), data, replicas);
        }
        int[][] sample = new Generator(model).generate(new int[][] {Arrays.copyOf(tokens, 8)}, 65,
                new SamplingConfig(0.8, 0, 0.95, seed), null, null, null);
        byte[] text = new byte[sample[0].length];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) sample[0][i];
        }
        Path file = dir.resolve("sample.txt");
        AtomicFiles.write(file, text);
        System.err.println("[text] sample: " + new String(text, StandardCharsets.ISO_8859_1).replace('\n', ' '));
        return List.of(file, ckpt.last());
    }
}

package org.attentionsuite.experiments.quality;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.TrainingTask;
import org.attentionsuite.experiments.bench.StepClock;

/**
 * Time per training step of every arm of a comparison, measured back to back: each arm's own model
 * and a batch of its own data, the arms alternated in rounds (each round in a rotated order), so a
 * machine that gets busier or quieter slows every arm alike. The medians are what the comparison
 * reports as time per step; the runs' own means (measured hours apart) are kept beside them.
 */
public final class StepTiming {
    /** Untimed steps per arm before the first round (JIT, allocation). */
    static final int WARMUP = 3;

    private StepTiming() {
    }

    /** Times {@code rounds} x {@code perRound} steps of every arm of {@code c}. */
    public static List<ComparisonResult.Timing> measure(Comparison c, int rounds, int perRound) {
        List<AttentionVariant> arms = c.arms();
        List<StepClock> clocks = new ArrayList<>();
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        for (AttentionVariant arm : arms) {
            TrainingTask task = c.task(arm, 1, Path.of("(timing)"));
            ModelConfig config = task.plan().modelConfig();
            DecoderModel model = new DecoderModel(config, Precision.FLOAT32, 1);
            StepClock clock = new StepClock(model, task.openData(config, silent).trainBatch(new Random(1)), 1,
                    task.plan().run().workers());
            for (int i = 0; i < WARMUP; i++) {
                clock.step();
            }
            clocks.add(clock);
        }
        double[][] times = new double[arms.size()][rounds * perRound];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < arms.size(); k++) {
                int a = (r + k) % arms.size();
                for (int i = 0; i < perRound; i++) {
                    double[] t = clocks.get(a).step();
                    times[a][r * perRound + i] = t[0] + t[1];
                }
            }
        }
        clocks.forEach(StepClock::close);
        List<ComparisonResult.Timing> out = new ArrayList<>();
        for (int a = 0; a < arms.size(); a++) {
            double[] sorted = times[a].clone();
            Arrays.sort(sorted);
            out.add(new ComparisonResult.Timing(arms.get(a).id(), sorted[sorted.length / 2], sorted.length));
        }
        return out;
    }
}

package org.attentionsuite.experiments.quality;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingTask;
import org.attentionsuite.experiments.bench.StepClock;
import org.attentionsuite.experiments.report.MachineInfo;

/**
 * Time per training step of every arm of a comparison, measured back to back: each arm's own model
 * and a batch of its own data, the arms alternated in rounds (each round in a rotated order), so a
 * machine that gets busier or quieter slows every arm alike. The whole timing is repeated several
 * times in a row, with the machine's load average read before and after each, so the report can
 * give the range of the medians rather than one number; the runs' own means (measured hours apart)
 * are kept beside them.
 */
public final class StepTiming {
    /** Untimed steps per arm before the first round (JIT, allocation). */
    static final int WARMUP = 3;

    private StepTiming() {
    }

    /**
     * Times every arm of {@code c} {@code repeats} times, each time {@code rounds} x {@code perRound}
     * steps per arm, a step computed on {@code workers} (the runs').
     */
    public static ComparisonResult.Timing measure(Comparison c, Workers workers, int repeats, int rounds,
            int perRound) {
        List<Comparison.Arm> arms = c.arms();
        List<StepClock> clocks = new ArrayList<>();
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        for (Comparison.Arm arm : arms) {
            TrainingTask task = c.task(arm, 1, Path.of("(timing)"), workers, new Start.Overwrite());
            ModelConfig config = task.plan().modelConfig();
            DecoderModel model = new DecoderModel(config, Precision.FLOAT32, 1);
            StepClock clock = new StepClock(model, task.openData(config, silent).trainBatch(new Random(1)), 1,
                    task.plan().run().workers());
            for (int i = 0; i < WARMUP; i++) {
                clock.step();
            }
            clocks.add(clock);
        }
        List<ComparisonResult.Timing.Repeat> out = new ArrayList<>();
        for (int repeat = 0; repeat < repeats; repeat++) {
            double before = MachineInfo.loadAverage();
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
            Map<String, Double> medians = new LinkedHashMap<>();
            for (int a = 0; a < arms.size(); a++) {
                double[] sorted = times[a].clone();
                Arrays.sort(sorted);
                medians.put(arms.get(a).name(), sorted[sorted.length / 2]);
            }
            out.add(new ComparisonResult.Timing.Repeat(medians, before, MachineInfo.loadAverage()));
        }
        clocks.forEach(StepClock::close);
        return new ComparisonResult.Timing(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), workers.count(),
                Runtime.getRuntime().availableProcessors(), rounds * perRound, out);
    }
}

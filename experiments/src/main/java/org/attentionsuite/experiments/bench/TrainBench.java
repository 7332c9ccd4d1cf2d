package org.attentionsuite.experiments.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
import org.attentionsuite.core.tensor.Blas;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.Adam;

/**
 * Times a training step (forward + cross-entropy + backward + Adam) exactly as the PyTorch
 * reference does: same shapes, learned absolute positions, dropout 0, random tokens, median of
 * {@code steps} after {@code warmup}.
 */
public final class TrainBench {
    private TrainBench() {
    }

    /**
     * Breakdown of one step's time, averaged over the timed steps, in seconds: the gradient
     * (forward and backward of every micro-batch on the workers, and the gradient sum) and Adam.
     * GEMM figures are filled when the JVM runs with {@code -Dsuite.profileGemm=true} (else 0);
     * they add up the products of every worker, so on several workers they exceed wall time.
     * {@code workers} is how the workers spent a step ({@link Replicas.Utilisation}: the rest of
     * {@code gradient} after its parallel phase is the sum of the workers' gradients); no workers and
     * 0 where they are not threads of this process.
     */
    public record Breakdown(double gradient, double optimizer, double gemm, double gemmGflops, long gemmCalls,
            Replicas.Utilisation workers) {
    }

    /** A measurement and its breakdown. */
    public record Measurement(TrainBenchResult result, Breakdown breakdown) {
    }

    /** Times {@code steps} steps after {@code warmup} of shape {@code m} with {@code attention}, computed on {@code workers}. */
    public static Measurement run(BenchModel m, AttentionSpec attention, PositionSpec position, int warmup, int steps,
            long seed, Workers workers) {
        ModelConfig cfg = ModelConfig.of(m.vocab(), m.d(), m.heads(), m.layers(), m.ffn(), m.length())
                .withAttention(attention).withPosition(position);
        DecoderModel model = new DecoderModel(cfg, Precision.FLOAT32, seed);
        Random rng = new Random(seed);
        int[][] windows = new int[m.batch()][m.length() + 1];
        for (int[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextInt(m.vocab());
            }
        }
        double[] times = new double[steps];
        double gradient = 0;
        double optimizer = 0;
        Replicas.Utilisation before = NOTHING;
        Replicas.Utilisation after = NOTHING;
        try (StepClock clock = new StepClock(model, Batch.fromWindows(windows, null), seed, workers)) {
            for (int s = 0; s < warmup + steps; s++) {
                if (s == warmup) {
                    Blas.resetProfile();
                    before = clock.utilisation().orElse(NOTHING);
                }
                double[] t = clock.step();
                if (s >= warmup) {
                    times[s - warmup] = t[0] + t[1];
                    gradient += t[0];
                    optimizer += t[1];
                }
            }
            after = clock.utilisation().orElse(NOTHING);
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        TrainBenchResult r = new TrainBenchResult("attention-suite-nd4j", m.id(), attention.label(),
                workers.count(), model.parameterCount(), round4(median), round4(sorted[0]),
                Math.round(m.batch() * m.length() / median), peakRssMb());
        Blas.Profile gp = Blas.profile();
        return new Measurement(r, new Breakdown(gradient / steps, optimizer / steps, gp.nanos() / 1e9 / steps,
                gp.gflops(), gp.calls() / steps, after.perStepSince(before, steps)));
    }

    private static final Replicas.Utilisation NOTHING = new Replicas.Utilisation(new double[0], 0);

    /** The reference script's positions: learned absolute, for every attention variant. */
    public static PositionSpec referencePositions() {
        return new Positions.Learned();
    }

    static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** Peak resident set (VmHWM) of this process in MiB, from /proc; −1 where unavailable. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}

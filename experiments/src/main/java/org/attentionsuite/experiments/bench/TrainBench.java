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
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.model.Positions;
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

    /** Breakdown of one step's time, averaged over the timed steps, in seconds. */
    /**
     * Breakdown of one step's time, averaged over the timed steps, in seconds; GEMM figures are
     * filled when the JVM runs with {@code -Dsuite.profileGemm=true} (else 0).
     */
    public record Breakdown(double forward, double backward, double optimizer, double gemm, double gemmGflops,
            long gemmCalls) {
    }

    /** A measurement and its breakdown. */
    public record Measurement(TrainBenchResult result, Breakdown breakdown) {
    }

    public static Measurement run(BenchModel m, AttentionSpec attention, PositionSpec position, int warmup, int steps,
            long seed) {
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
        StepClock clock = new StepClock(model, Batch.fromWindows(windows, null), seed);
        double[] times = new double[steps];
        double fwd = 0;
        double bwd = 0;
        double opt = 0;
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                org.attentionsuite.core.tensor.Blas.resetProfile();
            }
            double[] t = clock.step();
            if (s >= warmup) {
                times[s - warmup] = t[0] + t[1] + t[2];
                fwd += t[0];
                bwd += t[1];
                opt += t[2];
            }
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        TrainBenchResult r = new TrainBenchResult("attention-suite-nd4j", m.id(), attention.label(),
                Runtime.getRuntime().availableProcessors(), model.parameterCount(), round4(median), round4(sorted[0]),
                Math.round(m.batch() * m.length() / median), peakRssMb());
        org.attentionsuite.core.tensor.Blas.Profile gp = org.attentionsuite.core.tensor.Blas.profile();
        return new Measurement(r, new Breakdown(fwd / steps, bwd / steps, opt / steps, gp.nanos() / 1e9 / steps,
                gp.gflops(), gp.calls() / steps));
    }

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

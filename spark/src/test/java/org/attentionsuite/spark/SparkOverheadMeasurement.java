package org.attentionsuite.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.experiments.bench.BenchModel;
import org.attentionsuite.experiments.bench.TrainBench;
import org.attentionsuite.experiments.sweep.Variants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: measures what Spark adds to a training step's gradient against two threads, on
 * {@code local[2]} and on a standalone cluster of two one-core workers on this machine, for the
 * bench shapes {@code -Dsuite.shapes} (default music-small with full attention and the
 * fashion-mnist recipe's shape with local 2D). Placements alternate within each of
 * {@code -Dsuite.rounds} rounds (their order rotating), each timing {@code -Dsuite.steps} steps
 * after one untimed step; it prints per placement the median step time, the median of its ratio to
 * the threads' in the same round, and Spark's split of a step. Runs only when asked:
 * {@code mvn -B -ntp verify -pl spark -am -Dtest=SparkOverheadMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsuite.measure=spark-overhead}.
 */
@EnabledIfSystemProperty(named = "suite.measure", matches = "spark-overhead")
class SparkOverheadMeasurement {
    private static final int ROUNDS = Integer.getInteger("suite.rounds", 3);
    private static final int STEPS = Integer.getInteger("suite.steps", 4);

    /** One placement's timed steps in one round: gradient wall times and, on Spark, the split. */
    private record Sample(List<Double> seconds, List<StepTimes.Split> splits) {
    }

    @Test
    void measure(@TempDir Path dir) throws IOException, InterruptedException {
        String logConfig = System.getProperty("logback.configurationFile");
        StringBuilder report = new StringBuilder();
        try (LocalCluster cluster = new LocalCluster(dir, 2, "3g", logConfig)) {
            System.setProperty("spark.executor.extraClassPath", cluster.executorClassPath());
            System.setProperty("spark.executor.extraJavaOptions", "-Dlogback.configurationFile=" + logConfig);
            System.setProperty("spark.executor.memory", "3g");
            Map<String, Workers> placements = new LinkedHashMap<>();
            placements.put("threads(2)", Workers.threads(2));
            placements.put("local[2]", Workers.spark("local[2]"));
            placements.put("cluster 2x1", Workers.spark(cluster.masterUrl()));
            String shapes = System.getProperty("suite.shapes", "music-small:full,image-fashion:local2d");
            for (String shape : shapes.split(",")) {
                report.append(measure(shape, placements));
            }
        } finally {
            List.of("spark.executor.extraClassPath", "spark.executor.extraJavaOptions", "spark.executor.memory")
                    .forEach(System::clearProperty);
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "spark-overhead.txt"), report);
    }

    private static String measure(String shapeAndAttention, Map<String, Workers> placements) {
        String[] parts = shapeAndAttention.split(":");
        BenchModel m = BenchModel.byId(parts[0]);
        AttentionSpec attention = Variants.parse(parts[1], "attention").spec(m.geometry());
        ModelConfig cfg = ModelConfig.of(m.vocab(), m.d(), m.heads(), m.layers(), m.ffn(), m.length())
                .withAttention(attention).withPosition(TrainBench.referencePositions());
        DecoderModel model = new DecoderModel(cfg, Precision.FLOAT32, 1);
        Random rng = new Random(1);
        int[][] windows = new int[m.batch()][m.length() + 1];
        for (int[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextInt(m.vocab());
            }
        }
        Batch batch = Batch.fromWindows(windows, null);
        List<String> names = new ArrayList<>(placements.keySet());
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                samples.get(name).add(time(placements.get(name), model, batch));
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s (%s attention): %,d parameters, %d "
                + "micro-batches of one sequence per step; %d rounds of %d timed steps%n", m.id(), parts[1],
                model.parameterCount(), m.batch(), ROUNDS, STEPS));
        List<Sample> threads = samples.get(names.get(0));
        for (String name : names) {
            List<Sample> s = samples.get(name);
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratios[r] = median(s.get(r).seconds()) / median(threads.get(r).seconds());
            }
            List<Double> all = s.stream().flatMap(x -> x.seconds().stream()).toList();
            out.append(String.format(Locale.ROOT, "  %-12s median %.0f ms per step, %.2fx the threads' (rounds: %s)",
                    name, median(all) * 1e3, median(ratios), Arrays.toString(round2(ratios))));
            List<StepTimes.Split> splits = s.stream().flatMap(x -> x.splits().stream()).toList();
            if (!splits.isEmpty()) {
                out.append(String.format(Locale.ROOT, "; split (medians, ms): computing %.0f, weights broadcast %.1f "
                        + "and loaded %.1f, scheduling and collecting %.0f, gradient sum %.1f",
                        ms(splits, StepTimes.Split::compute), ms(splits, StepTimes.Split::broadcast),
                        ms(splits, StepTimes.Split::load), ms(splits, StepTimes.Split::rest),
                        ms(splits, StepTimes.Split::sum)));
            }
            out.append('\n');
        }
        List<StepTimes.Split> cluster = samples.get(names.get(names.size() - 1)).stream()
                .flatMap(x -> x.splits().stream()).toList();
        double perMicroBatch = median(threads.stream().flatMap(x -> x.seconds().stream()).toList()) * 2 / m.batch();
        out.append(project(perMicroBatch, model.parameterCount(), cluster));
        return out.toString();
    }

    /**
     * The projected efficiency of {@code W} workers, each task computing {@code m} micro-batches,
     * from what was measured: {@code c}, one micro-batch's gradient on one core (two threads' step
     * time, times 2, over the micro-batches); the cluster's per-step costs on this machine
     * (broadcast, loading, scheduling and collecting, the sum of two blocks), which already hold
     * the serialization, to which the network adds the weights once into each executor and
     * {@code W} gradients into the driver ({@code 4P} bytes each, at the link's speed), and a sum
     * that grows with {@code W}. Efficiency = {@code m·c} over the projected step time.
     */
    private static String project(double c, long parameters, List<StepTimes.Split> cluster) {
        double bytes = 4.0 * parameters;
        double fixed = ms(cluster, StepTimes.Split::broadcast) / 1e3 + ms(cluster, StepTimes.Split::load) / 1e3
                + ms(cluster, StepTimes.Split::rest) / 1e3;
        double sumPerBlock = ms(cluster, StepTimes.Split::sum) / 1e3 / 2;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "  projection: c = %.0f ms per micro-batch "
                + "on one core, %.0f ms per step measured besides computing (broadcast, load, scheduling and "
                + "collecting), %.1f ms of driver sum per block, %.1f MB of weights; efficiency at%n", c * 1e3,
                fixed * 1e3, sumPerBlock * 1e3, bytes / 1e6));
        for (double gbit : new double[] {10, 1}) {
            double link = gbit * 1e9 / 8;
            for (int w : new int[] {8, 32}) {
                out.append(String.format(Locale.ROOT, "    %2.0f GbE, %2d workers:", gbit, w));
                for (int m : new int[] {1, 2, 4, 8}) {
                    double step = m * c + fixed + bytes / link + w * bytes / link + w * sumPerBlock;
                    out.append(String.format(Locale.ROOT, "  m=%d %.0f%%", m, 100 * m * c / step));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** One untimed step, then {@link #STEPS} timed ones, on replicas opened for this sample. */
    private static Sample time(Workers workers, DecoderModel model, Batch batch) {
        List<Double> seconds = new ArrayList<>();
        try (Replicas replicas = workers.open(model, 1)) {
            replicas.gradients(batch, 0);
            for (int s = 1; s <= STEPS; s++) {
                long t0 = System.nanoTime();
                replicas.gradients(batch, s);
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
            List<StepTimes.Split> splits = replicas instanceof SparkReplicas spark
                    ? spark.times().steps().subList(1, STEPS + 1) : List.of();
            return new Sample(seconds, List.copyOf(splits));
        }
    }

    private static double ms(List<StepTimes.Split> splits, ToDoubleFunction<StepTimes.Split> part) {
        return median(splits.stream().map(s -> part.applyAsDouble(s) * 1e3).toList());
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return median(v);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[] round2(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }
}

package org.attentionsuite.app.cli;

import static java.util.stream.Collectors.joining;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.attention.AttentionVariant;
import org.attentionsuite.core.attention.FullCausalAttention;
import org.attentionsuite.core.attention.Geometry;
import org.attentionsuite.core.parallel.Replicas;
import org.attentionsuite.experiments.bench.BenchModel;
import org.attentionsuite.experiments.bench.SampleBench;
import org.attentionsuite.experiments.bench.TorchReference;
import org.attentionsuite.experiments.bench.TrainBench;
import org.attentionsuite.experiments.sweep.Variants;
import org.attentionsuite.image.model.ImageAttention;
import org.attentionsuite.music.model.MusicAttention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite bench ...}: throughput benchmarks. */
@Command(name = "bench", description = "Throughput benchmarks.", subcommands = {BenchCommand.Train.class, BenchCommand.Sample.class},
        mixinStandardHelpOptions = true)
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code suite bench train}. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Time training steps (forward + loss + backward + Adam) on the reference shapes; prints one "
                    + "JSON line with the fields of shared/bench/torch_reference.py.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--shape", defaultValue = "music-tiny", description = "the reference's model and batch: "
                + "music-tiny | music-small | image-tiny | image-fashion (the fashion-mnist recipe's) "
                + "(default: ${DEFAULT-VALUE})")
        String config;

        @Option(names = "--attention", defaultValue = FullCausalAttention.NAME,
                completionCandidates = VariantNames.All.class, description = "a variant of the image or music "
                + "catalogue: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); --vs-torch compares the "
                + "reference's two, full attention and relative attention with a table shared by all heads")
        String attention;

        @Option(names = "--repetitions", defaultValue = "15", description = "timed steps, the median is reported "
                + "(default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--untimed", defaultValue = "3", description = "untimed steps first (default: ${DEFAULT-VALUE})")
        int warmup;

        @picocli.CommandLine.Mixin
        Flags.Parallelism parallelism;

        @Option(names = "--vs-torch", description = "also run the PyTorch reference back to back and print the ratio")
        boolean vsTorch;

        @Option(names = "--torch-script", defaultValue = "../shared/bench/torch_reference.py",
                description = "path of torch_reference.py")
        Path torchScript;

        @Option(names = "--breakdown", description = "also print the gradient/optimizer split and how long each worker computed")
        boolean breakdown;

        @Override
        public Integer call() throws Exception {
            if (steps < 1 || warmup < 0) {
                throw new UserError("--repetitions must be >= 1 and --untimed >= 0");
            }
            BenchModel m = BenchModel.byId(config);
            AttentionVariant variant = Variants.parse(attention, "--attention");
            AttentionSpec spec = variant.spec(m.geometry());
            TrainBench.Measurement r = TrainBench.run(m, spec, TrainBench.referencePositions(), warmup, steps, 0,
                    parallelism.resolve());
            Gson gson = new Gson();
            System.out.println(gson.toJson(r.result()));
            if (breakdown) {
                TrainBench.Breakdown b = r.breakdown();
                System.out.printf(Locale.ROOT, "# breakdown per step: gradient %.1f ms (forward and backward of every "
                        + "micro-batch on %d workers, and the gradient sum), adam %.1f ms%n", b.gradient() * 1e3,
                        r.result().threads(), b.optimizer() * 1e3);
                Replicas.Utilisation w = b.workers();
                if (w.busySeconds().length > 0) {
                    System.out.printf(Locale.ROOT, "# workers: computing %s ms of the %.1f ms they ran side by side "
                            + "(idle %.1f%%); the gradient sum after them %.1f ms%n", Arrays.stream(w.busySeconds())
                                    .mapToObj(x -> String.format(Locale.ROOT, "%.1f", x * 1e3)).collect(joining(" / ")),
                            w.parallelSeconds() * 1e3, 100 * w.idle(), (b.gradient() - w.parallelSeconds()) * 1e3);
                }
                if (b.gemmCalls() > 0) {
                    System.out.printf(Locale.ROOT, "# GEMM: %.1f ms in %d calls at %.0f GFLOP/s, summed over the "
                            + "workers%n", b.gemm() * 1e3, b.gemmCalls(), b.gemmGflops());
                } else {
                    System.out.println("# (set SUITE_PROFILE_GEMM=1 to split out GEMM time)");
                }
            }
            if (vsTorch) {
                Optional<JsonObject> reference = TorchReference.run(torchScript, config, spec, steps, warmup, System.err);
                if (reference.isPresent()) {
                    JsonObject torch = reference.get();
                    System.out.println(torch);
                    System.out.println("# the reference's peak_rss_mb includes the JVM's at fork (Linux keeps ru_maxrss "
                            + "across exec); run the script on its own for its memory");
                    double ratio = r.result().median_s() / torch.get("median_s").getAsDouble();
                    System.out.printf(Locale.ROOT, "ratio (ours / pytorch, median s per step): %.2f%n", ratio);
                }
            }
            return 0;
        }
    }

    /** {@code suite bench sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Per-token cost of cached sampling against full recomputation, per attention variant and "
                    + "length (images: local2d on square images of the given sides).")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--lengths", split = ",", defaultValue = "256,512,1024,2048,4096",
                description = "sequence lengths for the sequential variants (default: ${DEFAULT-VALUE})")
        int[] lengths;

        @Option(names = "--sides", split = ",", defaultValue = "16,32,64", description = "image sides for local2d")
        int[] sides;

        @Option(names = "--attention", split = ",", completionCandidates = VariantNames.All.class,
                description = "variants of the image or music catalogue: ${COMPLETION-CANDIDATES} (default: the "
                        + "full, local 1D, local 2D, relative and relative local variants)")
        String[] attention;

        @Option(names = "--window", defaultValue = "32", description = "cached steps timed at the end")
        int window;

        @Override
        public Integer call() {
            if (window < 1) {
                throw new UserError("--window (" + window + ") must be positive");
            }
            // JIT warm-up, untimed, so the first row is not charged for compilation
            SampleBench.run(SampleBench.model(new FullCausalAttention.Spec(), 256, false), window, 3, 1);
            System.out.println("| attention | L | cached ms/token | recompute ms/token | cached tok/s | speed-up |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            List<AttentionVariant> variants = attention == null
                    ? List.of(ImageAttention.FULL, ImageAttention.LOCAL1D, ImageAttention.LOCAL2D, MusicAttention.RELATIVE,
                            MusicAttention.RELATIVE_LOCAL)
                    : Variants.parseList(String.join(",", attention), "--attention");
            for (AttentionVariant variant : variants) {
                List<Geometry> points = new ArrayList<>();
                if (Variants.sequential(variant)) {
                    Arrays.stream(lengths).forEach(l -> points.add(new Geometry.Tokens(l)));
                } else {
                    Arrays.stream(sides).forEach(side -> points.add(new Geometry.Image(side, side, 1)));
                }
                for (Geometry g : points) {
                    int l = g.length();
                    AttentionSpec spec = variant.spec(g);
                    SampleBench.Result r = SampleBench.run(SampleBench.model(spec, l, spec.relativeLogits()), window, 3,
                            1);
                    System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.0f | %.2fx |%n", r.attention(), l,
                            r.cachedSeconds() * 1e3, r.recomputeSeconds() * 1e3, r.cachedTokensPerS(), r.speedup());
                }
            }
            return 0;
        }
    }
}

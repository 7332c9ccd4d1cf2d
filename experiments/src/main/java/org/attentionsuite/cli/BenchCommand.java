package org.attentionsuite.cli;

import org.attentionsuite.core.UserError;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.experiments.bench.BenchModel;
import org.attentionsuite.experiments.bench.SampleBench;
import org.attentionsuite.experiments.bench.TrainBench;
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
        @Option(names = "--config", defaultValue = "music-tiny", description = "music-tiny | music-small | image-tiny")
        String config;

        @Option(names = "--attention", defaultValue = "full",
                description = "full | relative | local1d | local2d | relative-local")
        String attention;

        @Option(names = "--steps", defaultValue = "15", description = "timed steps (median reported)")
        int steps;

        @Option(names = "--warmup", defaultValue = "3")
        int warmup;

        @Option(names = "--vs-torch", description = "also run the PyTorch reference back to back and print the ratio")
        boolean vsTorch;

        @Option(names = "--torch-script", defaultValue = "../shared/bench/torch_reference.py",
                description = "path of torch_reference.py")
        Path torchScript;

        @Option(names = "--breakdown", description = "also print the forward/backward/optimizer split")
        boolean breakdown;

        @Override
        public Integer call() throws Exception {
            if (steps < 1 || warmup < 0) {
                throw new UserError("--steps must be >= 1 and --warmup >= 0");
            }
            BenchModel m = BenchModel.byId(config);
            AttentionChoice choice = AttentionChoice.parse(attention);
            int side = m.id().startsWith("image") ? (int) Math.round(Math.sqrt(m.length())) : 0;
            AttentionSpec spec = choice.spec(m.length(), side, side, 1);
            TrainBench.Measurement r = TrainBench.run(m, spec, TrainBench.referencePositions(), warmup, steps, 0);
            Gson gson = new Gson();
            System.out.println(gson.toJson(r.result()));
            if (breakdown) {
                TrainBench.Breakdown b = r.breakdown();
                System.out.printf(Locale.ROOT, "# breakdown per step: forward %.1f ms, backward %.1f ms, adam %.1f ms%n",
                        b.forward() * 1e3, b.backward() * 1e3, b.optimizer() * 1e3);
                if (b.gemmCalls() > 0) {
                    System.out.printf(Locale.ROOT, "# of which GEMM: %.1f ms in %d calls at %.0f GFLOP/s; the rest "
                            + "(fused kernels, embedding, loss, call overhead): %.1f ms%n", b.gemm() * 1e3,
                            b.gemmCalls(), b.gemmGflops(), (b.forward() + b.backward() + b.optimizer() - b.gemm()) * 1e3);
                } else {
                    System.out.println("# (set SUITE_PROFILE_GEMM=1 to split out GEMM time)");
                }
            }
            if (vsTorch) {
                JsonObject torch = runTorch(choice);
                if (torch != null) {
                    System.out.println(torch);
                    System.out.println("# the reference's peak_rss_mb includes the JVM's at fork (Linux keeps ru_maxrss "
                            + "across exec); run the script on its own for its memory");
                    double ratio = r.result().median_s() / torch.get("median_s").getAsDouble();
                    System.out.printf(Locale.ROOT, "ratio (ours / pytorch, median s per step): %.2f%n", ratio);
                }
            }
            return 0;
        }

        private JsonObject runTorch(AttentionChoice choice) throws IOException, InterruptedException {
            if (choice != AttentionChoice.FULL && choice != AttentionChoice.RELATIVE) {
                throw new UserError("the PyTorch reference has only full and relative attention");
            }
            Path python = Path.of("/usr/bin/python3");
            if (!Files.isExecutable(python) || !Files.isRegularFile(torchScript)) {
                System.err.println("warning: --vs-torch needs /usr/bin/python3 with Debian's python3-torch and "
                        + torchScript + "; skipped");
                return null;
            }
            ProcessBuilder pb = new ProcessBuilder(python.toString(), torchScript.toString(), "--config", config,
                    "--attention", choice.id(), "--steps", String.valueOf(steps), "--warmup", String.valueOf(warmup));
            // The reference runs in its own default environment: OMP_WAIT_POLICY=PASSIVE (set for the
            // JVM by the launcher) slows PyTorch's OpenMP pool by ~30% (measured 0.102 vs 0.070 s).
            pb.environment().remove("OMP_WAIT_POLICY");
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0 || out.isEmpty()) {
                System.err.println("warning: the PyTorch reference failed (is python3-torch installed?)");
                return null;
            }
            String last = out.substring(out.lastIndexOf('\n') + 1);
            return new Gson().fromJson(last, JsonObject.class);
        }
    }

    /** {@code suite bench sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Per-token cost of cached sampling against full recomputation, per attention variant and "
                    + "length (images: local2d on square images of the given sides).")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--lengths", split = ",", defaultValue = "256,512,1024,2048,4096")
        int[] lengths;

        @Option(names = "--sides", split = ",", defaultValue = "16,32,64", description = "image sides for local2d")
        int[] sides;

        @Option(names = "--attention", split = ",", defaultValue = "full,local1d,local2d,relative,relative-local")
        String[] attention;

        @Option(names = "--window", defaultValue = "32", description = "cached steps timed at the end")
        int window;

        @Override
        public Integer call() {
            if (window < 1) {
                throw new UserError("--window (" + window + ") must be positive");
            }
            // JIT warm-up, untimed, so the first row is not charged for compilation
            SampleBench.run(SampleBench.model(AttentionChoice.FULL.spec(256, 16, 16, 1), 256, false), window, 3, 1);
            System.out.println("| attention | L | cached ms/token | recompute ms/token | cached tok/s | speed-up |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (String a : attention) {
                AttentionChoice choice = AttentionChoice.parse(a);
                int[] ls = choice == AttentionChoice.LOCAL2D
                        ? Arrays.stream(sides).map(x -> x * x).toArray() : lengths;
                for (int l : ls) {
                    int side = (int) Math.round(Math.sqrt(l));
                    AttentionSpec spec = choice.spec(l, side, side, 1);
                    boolean relative = choice == AttentionChoice.RELATIVE || choice == AttentionChoice.RELATIVE_LOCAL;
                    SampleBench.Result r = SampleBench.run(SampleBench.model(spec, l, relative), window, 3, 1);
                    System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.2f | %.0f | %.0fx |%n", r.attention(), l,
                            r.cachedSeconds() * 1e3, r.recomputeSeconds() * 1e3, r.cachedTokensPerS(), r.speedup());
                }
            }
            return 0;
        }
    }
}

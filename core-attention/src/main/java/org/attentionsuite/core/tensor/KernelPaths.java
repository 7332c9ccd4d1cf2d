package org.attentionsuite.core.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which kernels this JVM computes with, in the terms that decide their bits: the float32 kernels'
 * SIMD lanes (or the scalar loops) and the matrix products' path with OpenBLAS's core (pinned by
 * {@code OPENBLAS_CORETYPE}, else chosen for the CPU). Two JVMs that {@link #describe describe}
 * the same paths compute the same bits from the same inputs, which is how a cluster's driver
 * checks its executors.
 */
public final class KernelPaths {
    private static final String DESCRIPTION = (Simd.ENABLED ? "SIMD " + Lanes.W + " floats" : "scalar")
            + ", " + matrixProducts();

    private KernelPaths() {
    }

    /** For example {@code "SIMD 16 floats, OpenBLAS core Haswell"}. */
    public static String describe() {
        return DESCRIPTION;
    }

    private static String matrixProducts() {
        if (Blas.get() != Blas.cpu()) {
            return "ND4J gemm";
        }
        String core = System.getenv("OPENBLAS_CORETYPE");
        return core != null && !core.isBlank() ? "OpenBLAS core " + core.trim() : "OpenBLAS core chosen for " + cpu();
    }

    /** The CPU's model name (Linux), else the architecture. */
    private static String cpu() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }
}

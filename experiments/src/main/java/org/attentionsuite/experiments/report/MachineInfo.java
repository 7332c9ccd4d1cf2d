package org.attentionsuite.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine a report was made on.
 *
 * @param cores           processors available to the JVM
 * @param cpuModel        {@code model name} of {@code /proc/cpuinfo} ("unknown" elsewhere)
 * @param avxFlags        the CPU's AVX flags ({@code avx*}), sorted
 * @param jvm             JVM vendor, name and version
 * @param nd4jBackend     class of the ND4J backend in use
 * @param platformExtension the JavaCPP platform extension ({@code -avx512} when ND4J's AVX-512
 *                        natives are loaded), empty for the generic natives
 */
public record MachineInfo(int cores, String cpuModel, List<String> avxFlags, String jvm, String nd4jBackend,
        String platformExtension) {
    public MachineInfo {
        avxFlags = List.copyOf(avxFlags);
    }

    /** Whether ND4J runs its AVX-512 native build. */
    public boolean avx512Natives() {
        return platformExtension.contains("avx512");
    }

    /** The machine's 1-minute load average ({@code /proc/loadavg}), NaN where it cannot be read. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Describes this JVM's machine (initialises ND4J if it was not yet). */
    public static MachineInfo detect() {
        String model = "unknown";
        TreeSet<String> avx = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("model name") && model.equals("unknown")) {
                    model = value;
                } else if (key.equals("flags") && avx.isEmpty()) {
                    Arrays.stream(value.split("\\s+")).filter(f -> f.startsWith("avx")).forEach(avx::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            model = "unknown (no /proc/cpuinfo)";
        }
        String backend;
        try {
            backend = Nd4j.getBackend().getClass().getName();
        } catch (RuntimeException | LinkageError e) {
            backend = "unavailable (" + e.getClass().getSimpleName() + ")";
        }
        String jvm = System.getProperty("java.vm.vendor", "?") + " " + System.getProperty("java.vm.name", "?") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), model, new ArrayList<>(avx), jvm, backend,
                System.getProperty("org.bytedeco.javacpp.platform.extension", ""));
    }
}

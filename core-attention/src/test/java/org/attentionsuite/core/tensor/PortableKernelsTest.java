package org.attentionsuite.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernels' portable path: a JVM started without {@code --add-modules jdk.incubator.vector}
 * runs every kernel on float32 data through the scalar forms, which holds only while no class
 * outside the nested {@code Vectorized} classes and {@link Lanes} links the vector API.
 */
class PortableKernelsTest {
    /** Runs each kernel once on float32 windows; prints {@code ok} and whether SIMD was on. */
    public static void main(String[] args) {
        Mat m = Mat.zeros(Precision.FLOAT32, 4, 8);
        m.fill(0.5);
        Mat row = Mat.zeros(Precision.FLOAT32, 1, 8);
        Softmax.row(m, 0, 1.0, 0, 5);
        Softmax.backwardRow(m, m.rows(1, 3), 1, 1.0, 0, 5);
        Softmax.causal(m, 4, 1.0, 2);
        Softmax.causalBackward(m, Mat.zeros(Precision.FLOAT32, 4, 8), 4, 1.0, 2);
        Softmax.crossEntropy(m, new int[] {1, 2, -1, 0}, 1.0);
        LayerNormKernel.forward(m, row, row, Mat.zeros(Precision.FLOAT32, 4, 8), new double[4], new double[4], 1e-5);
        Activations.biasRelu(m, row);
        Activations.reluBackward(m, m);
        Activations.addRowVector(m, row);
        Elementwise.scale(m, 2.0);
        Elementwise.multiply(m, m);
        Mat c = Mat.zeros(Precision.FLOAT32, 4, 8);
        c.copyFrom(m);
        c.addScaled(m, 0.5);
        c.zero();
        AdamKernel.update(row, row, row, row, 1e-3, 0.9, 0.98, 1e-9, 0, 1, 1);
        System.out.println("ok simd=" + Simd.ENABLED + " norm=" + Elementwise.norm2(m));
    }

    @Test
    void everyKernelRunsOnAJvmWithoutTheVectorModule() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                PortableKernelsTest.class.getName())).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("ok simd=false"), out);
        assertFalse(out.contains("jdk.incubator.vector"), out);
    }
}

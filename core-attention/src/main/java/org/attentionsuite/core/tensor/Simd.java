package org.attentionsuite.core.tensor;

/**
 * Decides whether the vector forms of the kernels (their nested {@code Vectorized} classes, built on
 * {@link Lanes}) may run. Kept apart from them so that this check never loads
 * {@code jdk.incubator.vector} classes on a JVM started without the module.
 */
final class Simd {
    /**
     * The JVM was started with {@code --add-modules jdk.incubator.vector} (the launcher and the
     * tests do) and {@code -Dsuite.scalarKernels=true} was not given.
     */
    static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("suite.scalarKernels");

    private Simd() {
    }

    /** Whether every window is float32 and SIMD is enabled. */
    static boolean eligible(Mat a) {
        return ENABLED && a.s() instanceof Storage.F32;
    }

    static boolean eligible(Mat a, Mat b) {
        return ENABLED && a.s() instanceof Storage.F32 && b.s() instanceof Storage.F32;
    }

    static boolean eligible(Mat a, Mat b, Mat c, Mat d) {
        return eligible(a, b) && eligible(c, d);
    }

    static boolean eligible(Mat a, Mat b, Mat c, Mat d, Mat e, Mat f) {
        return eligible(a, b) && eligible(c, d) && eligible(e, f);
    }
}

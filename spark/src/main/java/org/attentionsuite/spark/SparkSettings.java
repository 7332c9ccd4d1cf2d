package org.attentionsuite.spark;

import java.util.List;
import java.util.StringJoiner;
import org.apache.spark.SparkConf;
import org.attentionsuite.core.UserError;

/**
 * The Spark settings of a run: the master, and what every executor JVM needs to compute the same
 * bits as the driver. Executors get the vector API module (without it the float32 kernels fall
 * back to the scalar loops, which round differently), the driver's kernel switches and ND4J native
 * build, and its OpenBLAS core ({@code OPENBLAS_CORETYPE}); the tasks' results are checked against
 * the driver's {@link org.attentionsuite.core.tensor.KernelPaths} all the same. Settings given
 * as {@code spark.*} system properties (spark-submit's {@code --conf}, or {@code JAVA_OPTS} for
 * {@code ./suite}) are kept, and options of the user's own come after these, so they win.
 */
final class SparkSettings {
    /** How long to wait for a first executor, and for one while none is left (default 120 s). */
    static final String EXECUTOR_WAIT = "spark.suite.executorWait";
    private static final List<String> KERNEL_PROPERTIES = List.of("org.bytedeco.javacpp.platform.extension",
            "suite.scalarKernels", "suite.portableBlas");
    private static final List<String> KERNEL_ENVIRONMENT = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
            "OMP_WAIT_POLICY");
    private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

    private SparkSettings() {
    }

    /** The configuration of an application on {@code master} (empty: the one spark-submit set). */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf();
        if (!master.isEmpty()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new UserError("--spark without a master needs spark-submit's --master; give one: --spark local[2], "
                    + "spark://HOST:PORT, yarn or k8s://URL");
        }
        conf.setIfMissing("spark.app.name", "attention-suite");
        conf.set(EXECUTOR_OPTIONS, (executorJavaOptions() + " " + conf.get(EXECUTOR_OPTIONS, "")).trim());
        for (String name : KERNEL_ENVIRONMENT) {
            String value = System.getenv(name);
            if (value != null) {
                conf.setIfMissing("spark.executorEnv." + name, value);
            }
        }
        return conf;
    }

    /** JVM options for executors that make them run the driver's kernels. */
    static String executorJavaOptions() {
        StringJoiner options = new StringJoiner(" ");
        options.add("--add-modules=jdk.incubator.vector");
        for (String name : KERNEL_PROPERTIES) {
            String value = System.getProperty(name);
            if (value != null) {
                options.add("-D" + name + "=" + value);
            }
        }
        return options.toString();
    }

    /** {@link #EXECUTOR_WAIT} in milliseconds. */
    static long executorWaitMillis(SparkConf conf) {
        return conf.getTimeAsMs(EXECUTOR_WAIT, "120s");
    }
}

package org.attentionsuite.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: a master and workers, each a child JVM
 * started from this test's class path, with random free ports. Workers start their executors from
 * a {@code SPARK_HOME} made in {@code dir}, whose {@code jars/} links the class path's jars (as a
 * Spark installation holds Spark's); the suite's class folders reach the executors through
 * {@link #executorClassPath()}. {@link #close()} kills every process it started, with its children.
 */
final class LocalCluster implements AutoCloseable {
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final Path sparkHome;
    private final List<String> classPath;
    private final String logConfig;
    private final int masterPort = freePort();
    private final int masterUiPort = freePort();
    private final List<Process> workers = new ArrayList<>();
    private final List<Process> all = new ArrayList<>();

    /**
     * Starts a master and {@code workers} workers of one core and {@code memory} (e.g. {@code "1g"})
     * each; waits until they are registered.
     */
    LocalCluster(Path dir, int workers, String memory, String logConfig) throws IOException, InterruptedException {
        this.dir = dir;
        this.logConfig = logConfig;
        this.classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        this.sparkHome = Files.createDirectories(dir.resolve("spark-home"));
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String entry : classPath) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (Files.notExists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            }
        }
        try {
            all.add(start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort)));
            awaitPort(masterPort);
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("work-" + i));
                Process w = start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()), "--cores",
                        "1", "--memory", memory, "--work-dir", work.toString(), masterUrl());
                this.workers.add(w);
                all.add(w);
            }
            awaitWorkers(workers);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The class path's folders (the suite's classes), for {@code spark.executor.extraClassPath}. */
    String executorClassPath() {
        StringJoiner dirs = new StringJoiner(File.pathSeparator);
        classPath.stream().filter(e -> Files.isDirectory(Path.of(e))).forEach(dirs::add);
        return dirs.toString();
    }

    /** Kills worker {@code i} and its executors at once (SIGKILL), as a machine that dies would. */
    void killWorker(int i) throws InterruptedException {
        kill(workers.get(i));
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
    }

    private Process start(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        cmd.add("-Dlogback.configurationFile=" + logConfig);
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, classPath));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.13");                // what a distribution's load-spark-env.sh sets
        return pb.start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Spark master did not open port " + port + " within 60 s");
    }

    /** Waits until the master counts {@code n} alive workers (its web UI's JSON). */
    void awaitWorkers(int n) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE_WORKERS.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) == n) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(n + " workers did not register within 60 s: " + last);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : all) {
            kill(p);
        }
    }
}

package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.attentionsuite.app.studio.Studio;
import org.attentionsuite.app.studio.StudioOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite studio}: serves the studio page until the process is stopped. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = {"Start a local web page to sample and complete images, generate and play music, see where "
                + "attention looks, and follow training runs; prints its address and serves until Ctrl-C.",
            "It listens on 127.0.0.1 only, unless --host says otherwise."})
final class StudioCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 = any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = StudioOptions.LOOPBACK, description = "address to listen on "
            + "(default: ${DEFAULT-VALUE}; any other lets other machines use the studio)")
    String host;

    @Option(names = "--runs", defaultValue = "runs", description = "runs folder: its checkpoints are offered as "
            + "models and its runs shown (default: ${DEFAULT-VALUE})")
    Path runs;

    @Option(names = "--out", defaultValue = "runs/studio", description = "the studio's outputs: one folder per job, "
            + "and the uploads (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, Path> shipped = new LinkedHashMap<>();
        for (String name : ShippedModels.names()) {
            shipped.put(name, ShippedModels.resolve(name));
        }
        StudioOptions options = new StudioOptions(host, port, runs, out, shipped);
        if (!options.loopbackOnly()) {
            System.err.println("warning: the studio listens on " + host + ": anyone who can reach this machine on port "
                    + port + " can sample your models, upload files and see your runs");
        }
        Studio studio = Studio.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            studio.close();
            stopped.countDown();
        }, "studio shutdown"));
        System.out.println("studio: " + studio.address() + " (Ctrl-C stops it)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}

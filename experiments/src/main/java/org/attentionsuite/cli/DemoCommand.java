package org.attentionsuite.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.experiments.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite demo}: trains tiny models on the bundled data and writes what they generate. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train tiny models on the bundled data (Fashion-MNIST subset, Freedoom MIDI songs) and write "
                + "an image grid, a MIDI file and a WAV; prints where they are.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--steps", defaultValue = "300", description = "training steps per model")
    int steps;

    @Option(names = "--seed", defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new UserError("--steps (" + steps + ") must be positive");
        }
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>(Demo.run(out, steps, seed));
        System.out.println();
        System.out.println("Demo outputs:");
        for (Path p : written) {
            System.out.println("  " + p.toAbsolutePath().normalize());
        }
        return 0;
    }
}

package org.attentionsuite.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.OutputFolder;
import org.attentionsuite.app.demo.Demo;
import org.attentionsuite.app.demo.ShippedDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code suite demo}: samples the shipped models (no training); {@code --train} instead trains tiny
 * models on the bundled data and writes what they generate.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Sample the trained models in models/ (no training, under a minute on 2 cores): a labelled "
                + "Fashion-MNIST grid, completions of real test images, silk icons, a JSB chorale and a continuation "
                + "of a Freedoom song (MIDI, piano roll, WAV); prints where they are.",
            "--train instead trains tiny models on the bundled data for --steps steps and samples them."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--train", description = "train tiny models from scratch instead of sampling the shipped ones")
    boolean train;

    @Option(names = "--steps", defaultValue = "300", description = "with --train: training steps per model "
            + "(default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of the samples (default: ${DEFAULT-VALUE})")
    long seed;

    @picocli.CommandLine.Mixin
    Flags.Parallelism parallelism;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (steps < 1) {
            throw new UserError("--steps (" + steps + ") must be positive");
        }
        List<Path> written;
        try (OutputFolder folder = OutputFolder.open(out, CommandText.of(spec))) {    // checked and locked first
            written = new ArrayList<>(train ? Demo.run(folder.dir(), steps, seed)
                    : ShippedDemo.run(ShippedModels.folder(), folder.dir(), seed, parallelism.resolve()));
        }
        System.out.println();
        System.out.println("Demo outputs:");
        for (Path p : written) {
            System.out.println("  " + p.toAbsolutePath().normalize());
        }
        return 0;
    }
}

package org.attentionsuite.app.cli;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code suite inspect CKPT}: what a checkpoint holds and how it was made; can write its run back as a config file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print what a checkpoint holds: what its tokens mean, the model, the step and best validation "
                + "loss, its provenance and the options of its run; --write-config writes those options as a file "
                + "that --config reads, so the run can be repeated.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CKPT", arity = "0..1", description = "the checkpoint")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "NAME", description = "a shipped model instead of a file")
    String model;

    @Option(names = "--write-config", paramLabel = "FILE", description = "write the run's options as a config file")
    Path writeConfig;

    @Override
    public Integer call() {
        Path file = ShippedModels.checkpoint(checkpoint, model);
        Checkpoint.Loaded l = Checkpoint.load(file, Precision.FLOAT32);
        ModelConfig c = l.model().config();
        System.out.println("checkpoint: " + file);
        System.out.println("tokens:     " + l.tokens().label());
        System.out.printf(Locale.ROOT, "model:      %,d parameters; attention %s, positions %s, d_model %d, %d heads, "
                + "%d layers, ffn %d, length %d, dropout %s%s%n", l.model().parameterCount(), c.attention().label(),
                c.position().label(), c.dModel(), c.heads(), c.layers(), c.ffnDim(), c.maxLength(), c.dropout(),
                c.conditionClasses() > 0 ? ", " + c.conditionClasses() + " classes" : "");
        System.out.printf(Locale.ROOT, "training:   step %d, best validation %s%s%n", l.step(),
                l.tokens().lossUnit().format(l.bestValidationLoss(), List.of()),
                l.resumable() ? "" : " (weights only: can be sampled and evaluated, not resumed)");
        System.out.println("provenance: seed " + l.provenance().seed() + ", data " + l.provenance().dataFingerprint()
                + ", suite " + l.provenance().version() + ", written " + l.provenance().createdAt());
        System.out.println("command:    " + l.provenance().command());
        String options = new GsonBuilder().setPrettyPrinting().create().toJson(l.options());
        if (l.options().size() == 0) {
            System.out.println("options:    none recorded (checkpoints before format 2 kept only the command above)");
        } else {
            System.out.println("options:    " + options.replace("\n", "\n            "));
        }
        if (writeConfig != null) {
            if (l.options().size() == 0) {
                throw new org.attentionsuite.core.UserError(file + ": recorded no options to write; repeat its "
                        + "command instead");
            }
            AtomicFiles.write(writeConfig, (options + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + writeConfig + "; repeat the run with --config " + writeConfig);
        }
        return 0;
    }
}

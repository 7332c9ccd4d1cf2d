package org.attentionsuite.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    Flags.ShippedModel model;

    @Option(names = "--write-config", paramLabel = "FILE", description = "write the run's options as a config file")
    Path writeConfig;

    @Option(names = "--json", description = "print the same as one JSON object (weights_sha256: SHA-256 of the weights as "
            + "little-endian float32 in parameter order, equal for runs that computed the same bits)")
    boolean json;

    @Override
    public Integer call() {
        Path file = model.file(checkpoint, "CKPT");
        Checkpoint.Loaded l = Checkpoint.load(file, Precision.FLOAT32);
        ModelConfig c = l.model().config();
        if (json) {
            System.out.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                    .toJson(asJson(file, l)));
            return 0;
        }
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
        System.out.println("weights:    sha256 " + l.model().params().sha256());
        String options = new GsonBuilder().setPrettyPrinting().create().toJson(l.options());
        if (l.options().size() == 0) {
            System.out.println("options:    none recorded (checkpoints before format 2 kept only the command above)");
        } else {
            System.out.println("options:    " + options.replace("\n", "\n            "));
        }
        if (writeConfig != null) {
            if (l.options().size() == 0) {
                throw new UserError(file + ": recorded no options to write; repeat its "
                        + "command instead");
            }
            AtomicFiles.write(writeConfig, (options + "\n").getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + writeConfig + "; repeat the run with --config " + writeConfig);
        }
        return 0;
    }

    private static JsonObject asJson(Path file, Checkpoint.Loaded l) {
        ModelConfig c = l.model().config();
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", file.toString());
        o.addProperty("tokens", l.tokens().label());
        o.addProperty("parameters", l.model().parameterCount());
        JsonObject model = new JsonObject();
        model.addProperty("attention", c.attention().label());
        model.addProperty("positions", c.position().label());
        model.addProperty("d_model", c.dModel());
        model.addProperty("heads", c.heads());
        model.addProperty("layers", c.layers());
        model.addProperty("ffn", c.ffnDim());
        model.addProperty("length", c.maxLength());
        model.addProperty("dropout", c.dropout());
        model.addProperty("classes", c.conditionClasses());
        o.add("model", model);
        o.addProperty("step", l.step());
        double best = l.bestValidationLoss();
        if (Double.isFinite(best)) {
            o.addProperty("best_validation_nats", best);
        } else {
            o.add("best_validation_nats", JsonNull.INSTANCE);
        }
        o.addProperty("resumable", l.resumable());
        JsonObject provenance = new JsonObject();
        provenance.addProperty("seed", l.provenance().seed());
        provenance.addProperty("data", l.provenance().dataFingerprint());
        provenance.addProperty("suite", l.provenance().version());
        provenance.addProperty("written", String.valueOf(l.provenance().createdAt()));
        provenance.addProperty("command", l.provenance().command());
        o.add("provenance", provenance);
        o.add("options", l.options());
        o.addProperty("weights_sha256", l.model().params().sha256());
        return o;
    }
}

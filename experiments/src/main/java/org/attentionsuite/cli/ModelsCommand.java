package org.attentionsuite.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.image.model.Pixels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code suite models}: the trained models shipped in {@code models/}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The trained models in models/: list them, or pack a checkpoint trained by a recipe as one.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pack.class})
final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code suite models list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the shipped models.")
    static final class ListModels implements Callable<Integer> {
        @Override
        public Integer call() {
            for (String name : ShippedModels.names()) {
                Checkpoint.Loaded l = Checkpoint.load(ShippedModels.resolve(name), Precision.FLOAT32);
                System.out.printf(Locale.ROOT, "%-14s %s; %,d parameters, step %d, best validation %s%n", name,
                        l.tokens().label(), l.model().parameterCount(), l.step(),
                        l.tokens().lossUnit().format(l.bestValidationLoss(), java.util.List.of()));
            }
            return 0;
        }
    }

    /**
     * {@code suite models pack}: a checkpoint trained by {@code recipes/NAME.json} becomes
     * {@code models/NAME.ckpt}, weights only (float32, or float16 to stay small). The recipe is
     * rebuilt as {@code image train} or {@code music train} would build it, and the checkpoint must
     * hold that very model; the packed file records the recipe's options and keeps the checkpoint's
     * provenance.
     */
    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = "Pack a checkpoint trained by a recipe as the shipped model models/<recipe>.ckpt (weights "
                    + "only; the recipe's options recorded; the checkpoint must hold the recipe's model).")
    static final class Pack implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, paramLabel = "CKPT", description = "the trained checkpoint")
        Path checkpoint;

        @Option(names = "--recipe", required = true, paramLabel = "NAME", description = "the recipe that trained it")
        String recipe;

        @Option(names = "--float16", description = "store the weights as IEEE half floats (half the size)")
        boolean float16;

        @Option(names = "--out", paramLabel = "FILE", description = "default: models/<recipe>.ckpt")
        Path out;

        @Override
        public Integer call() throws IOException {
            Checkpoint.Loaded loaded = Checkpoint.load(checkpoint, Precision.FLOAT32);
            TrainingPlan plan = plan(loaded.tokens(), recipe);
            ModelConfig want = plan.modelConfig();
            if (!want.equals(loaded.model().config())) {
                throw new UserError(checkpoint + ": holds " + loaded.model().config() + ", not the model of recipe "
                        + recipe + " (" + want + ")");
            }
            TokenScheme tokens = plan.tokens();
            if (!sameData(tokens, loaded.tokens())) {
                throw new UserError(checkpoint + ": was trained on " + loaded.tokens().label() + ", the recipe on "
                        + tokens.label());
            }
            Path file = out != null ? out : ShippedModels.folder().resolve(recipe + ".ckpt");
            Checkpoint.Loaded packed = new Checkpoint.Loaded(loaded.model(), null, tokens, loaded.provenance(),
                    plan.run().options(), loaded.step(), loaded.bestValidationLoss(), file);
            Checkpoint.saveWeights(packed, file, float16 ? Checkpoint.Dtype.FLOAT16 : Checkpoint.Dtype.FLOAT32);
            System.out.printf(Locale.ROOT, "wrote %s (%.2f MB, %s, step %d)%n", file, Files.size(file) / 1e6,
                    float16 ? "float16" : "float32", loaded.step());
            return 0;
        }

        /** The recipe's options, built by the train command of the checkpoint's kind of data. */
        static TrainingPlan plan(TokenScheme tokens, String recipe) {
            String[] args = {"--recipe", recipe, "--out", "(packing)"};
            if (tokens instanceof Pixels) {
                ImageCommand.Train t = new ImageCommand.Train();
                CommandLine cl = new CommandLine(t);
                ConfigFiles.install(cl, args);
                cl.parseArgs(args);
                return t.options();
            }
            MusicCommand.Train t = new MusicCommand.Train();
            CommandLine cl = new CommandLine(t);
            ConfigFiles.install(cl, args);
            cl.parseArgs(args);
            return t.options();
        }

        /** The same data, allowing a format-1 image checkpoint that did not record class names. */
        static boolean sameData(TokenScheme recipe, TokenScheme checkpoint) {
            if (recipe instanceof Pixels r && checkpoint instanceof Pixels c) {
                return r.order().equals(c.order()) && r.classes() == c.classes();
            }
            return recipe.equals(checkpoint);
        }
    }
}

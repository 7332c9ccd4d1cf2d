package org.attentionsuite.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.attentionsuite.app.models.ModelCard;
import org.attentionsuite.app.models.ModelManifest;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.UserFiles;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.Dtype;
import org.attentionsuite.core.model.LossUnit;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.model.TokenScheme;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.MetricsLog;
import org.attentionsuite.core.train.TrainingPlan;
import org.attentionsuite.experiments.evaluate.Score;
import org.attentionsuite.image.model.Pixels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

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
                        l.tokens().lossUnit().format(l.bestValidationLoss(), List.of()));
            }
            return 0;
        }
    }

    /**
     * {@code suite models pack}: a checkpoint trained by {@code recipes/NAME.json} becomes
     * {@code models/NAME.ckpt}, weights only (float32, or float16 to stay small). The recipe is
     * rebuilt as {@code image train} or {@code music train} would build it, and the checkpoint must
     * hold that very model; the packed file records the recipe's options and keeps the checkpoint's
     * provenance. The packed weights are then scored on the test data and on its first few items,
     * and {@code models/models.json} and {@code models/README.md} record the model and its scores.
     */
    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Pack a checkpoint trained by a recipe as the shipped model models/<recipe>.ckpt (weights "
                    + "only; the recipe's options recorded; the checkpoint must hold the recipe's model), score it on "
                    + "the test data given after --, and record it in models/models.json and models/README.md.",
                "Example: suite models pack --checkpoint runs/fashion-mnist/best.ckpt --recipe fashion-mnist "
                    + "--samples 1000 -- --data /usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"})
    static final class Pack implements Callable<Integer> {
        @Option(names = "--checkpoint", required = true, paramLabel = "CKPT", description = "the trained checkpoint")
        Path checkpoint;

        @Option(names = "--recipe", required = true, paramLabel = "NAME", description = "the recipe that trained it")
        String recipe;

        @Option(names = "--float16", description = "store the weights as IEEE half floats (half the size)")
        boolean float16;

        @Option(names = "--samples", defaultValue = "0", paramLabel = "N", description = "also judge N samples on the "
                + "test data, as evaluate --samples does (default: none)")
        int samples;

        @Option(names = "--slice", defaultValue = "64", paramLabel = "N", description = "the first N images, chorales "
                + "or pieces of the test data are the slice the tests re-evaluate (default: ${DEFAULT-VALUE})")
        int slice;

        @Option(names = "--wall-hours", paramLabel = "H", description = "training wall time (default: from the run's "
                + "metrics.jsonl beside the checkpoint, else the time the checkpoint recorded)")
        Double wallHours;

        @Option(names = "--machine", paramLabel = "TEXT", description = "where it trained, to read the wall time by "
                + "(default: this machine's core count)")
        String machine;

        @Option(names = "--command", paramLabel = "TEXT", description = "the command that trained it, as the table "
                + "shows it (default: the command the checkpoint recorded)")
        String command;

        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "", description = "a remark for the table's "
                + "readers")
        String note;

        @CommandLine.Parameters(paramLabel = "EVALUATE-ARGS", arity = "1..*", description = "the test data as "
                + "evaluate takes it, after --: --data FILE, --chorales bundled --split test, --midi FOLDERS, "
                + "--held-out")
        List<String> test;

        @Override
        public Integer call() throws IOException {
            if (test.contains("--limit") || test.contains("--checkpoint") || test.contains("--model")
                    || test.contains("--samples")) {
                throw new UserError("give the test data only after --; pack adds --checkpoint, --samples and "
                        + "--limit itself");
            }
            if (slice < 1) {
                throw new UserError("--slice (" + slice + ") must be positive");
            }
            Checkpoint.Loaded loaded = Checkpoint.load(checkpoint, Precision.FLOAT32);
            TrainingPlan plan = plan(loaded.tokens(), recipe);
            ModelConfig want = plan.modelConfig();
            if (!want.equals(loaded.model().config())) {
                throw new UserError(checkpoint + ": holds " + loaded.model().config() + ", not the model of recipe "
                        + recipe + " (" + want + ")");
            }
            TokenScheme tokens = plan.tokens();
            if (!tokens.equals(loaded.tokens())) {
                throw new UserError(checkpoint + ": was trained on " + loaded.tokens().label() + ", the recipe on "
                        + tokens.label());
            }
            double hours = wallHours != null ? wallHours : trainingHours(loaded);
            Path folder = ShippedModels.folder();
            Files.createDirectories(folder);
            Path file = folder.resolve(recipe + ".ckpt");
            Checkpoint.Loaded packed = new Checkpoint.Loaded(loaded.model(), tokens, loaded.provenance(),
                    plan.run().options(), loaded.step(), loaded.bestValidationLoss(), null, file);
            Dtype dtype = float16 ? Dtype.FLOAT16 : Dtype.FLOAT32;
            Checkpoint.save(packed, file, dtype);
            System.out.printf(Locale.ROOT, "wrote %s (%.2f MB, %s, step %d); scoring it on the test data...%n", file,
                    Files.size(file) / 1e6, dtype.id(), loaded.step());

            List<String> testArgs = new ArrayList<>(test);
            if (samples > 0) {
                testArgs.addAll(List.of("--samples", Integer.toString(samples)));
            }
            Score full = EvaluateCommand.score(with(file, testArgs));
            List<String> sliceArgs = new ArrayList<>(test);
            sliceArgs.addAll(List.of("--limit", Integer.toString(slice)));
            Score part = EvaluateCommand.score(with(file, sliceArgs));

            ModelConfig c = loaded.model().config();
            LossUnit unit = loaded.tokens().lossUnit();
            String summary = String.format(Locale.ROOT, "%s; attention %s, d_model %d, %d heads, %d layers, "
                    + "length %d, dropout %s", loaded.tokens().label(), c.attention().label(), c.dModel(), c.heads(),
                    c.layers(), c.maxLength(), c.dropout());
            ModelCard card = new ModelCard(recipe, file.getFileName().toString(), sha256(file), Files.size(file),
                    dtype.id(), loaded.model().parameterCount(), summary, recipe,
                    command != null ? command : loaded.provenance().command(),
                    loaded.provenance().dataFingerprint(), loaded.step(),
                    unit.convert(loaded.bestValidationLoss(), List.of()), unit.label(), hours, machine != null ? machine : Runtime.getRuntime().availableProcessors() + " cores",
                    ModelCard.Measured.of(testArgs, full), ModelCard.Measured.of(sliceArgs, part), note);
            ModelManifest.put(folder, card);
            System.out.printf(Locale.ROOT, "%s: %.4f %s on %s; slice %.6f %s; recorded in %s%n", recipe, full.value(),
                    full.unit(), full.data(), part.value(), part.unit(), folder.resolve(ModelManifest.FILE));
            full.samples().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %s: %.4f%n", k.replace('_', ' '), v));
            return 0;
        }

        private static List<String> with(Path file, List<String> args) {
            List<String> all = new ArrayList<>(List.of("--checkpoint", file.toString()));
            all.addAll(args);
            return all;
        }

        /** The run's training time: its metrics, else what the checkpoint recorded. */
        static double trainingHours(Checkpoint.Loaded loaded) {
            Path metrics = loaded.file().toAbsolutePath().getParent().resolve(MetricsLog.FILE);
            if (Files.isRegularFile(metrics)) {
                List<MetricsLog.Entry> entries = MetricsLog.read(metrics);
                if (!entries.isEmpty()) {
                    return entries.get(entries.size() - 1).wallSeconds() / 3600;
                }
            }
            if (loaded.resumable() && loaded.training().progress().elapsedSeconds() > 0) {
                return loaded.training().progress().elapsedSeconds() / 3600;
            }
            throw new UserError(loaded.file() + ": records no training time and has no metrics.jsonl beside it; "
                    + "give --wall-hours");
        }

        static String sha256(Path file) throws IOException {
            try (InputStream in = UserFiles.open(file, Checkpoint.FILE)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
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
    }
}

package org.attentionsuite.app.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.attentionsuite.app.models.ModelCard;
import org.attentionsuite.app.models.ModelManifest;
import org.attentionsuite.app.models.Verification;
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
import org.attentionsuite.experiments.report.MachineInfo;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.music.model.MusicTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code suite models}: the trained models shipped in {@code models/}. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "The trained models in models/: list them, pack a checkpoint trained by a recipe as one, or "
                + "verify the recorded scores.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pack.class, ModelsCommand.Verify.class})
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
     * hold that very model, trained on the recipe's data split the recipe's way (its recorded
     * {@link RecordedData#OPTIONS}: {@code evaluate --split} finds the parts again from them); the packed
     * file records the recipe's options and keeps the checkpoint's provenance. The packed weights are
     * then scored on the validation split that chose them, on the test data and on the test data's
     * first few items, and {@code models/models.json} and {@code models/README.md} record the model
     * and its scores.
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
                + "evaluate takes it, after --: --data FILE, --data FOLDER --split test, --chorales bundled --split "
                + "test, --midi FOLDERS --split test (the validation split is measured from the recipe's data)")
        List<String> test;

        @Override
        public Integer call() throws IOException {
            if (test.contains("--limit") || test.contains("--checkpoint") || test.contains("--model")
                    || test.contains("--samples")) {
                throw new UserError("give the test data only after --; pack adds --checkpoint, --samples and "
                        + "--limit itself");
            }
            int split = test.indexOf("--split");
            if (split >= 0 && split + 1 < test.size() && !test.get(split + 1).equals("test")) {
                throw new UserError("the data after -- is the test: --split " + test.get(split + 1) + " is not (pack "
                        + "measures the validation split itself)");
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
            checkSplit(checkpoint, loaded.options(), plan.run().options(), recipe);
            double hours = wallHours != null ? wallHours : trainingHours(loaded);
            Path folder = ShippedModels.folder();
            Files.createDirectories(folder);
            Path file = folder.resolve(recipe + ".ckpt");
            Checkpoint.Loaded packed = new Checkpoint.Loaded(loaded.model(), tokens, loaded.provenance(),
                    plan.run().options(), loaded.step(), loaded.bestValidationLoss(), null, file);
            Dtype dtype = float16 ? Dtype.FLOAT16 : Dtype.FLOAT32;
            Checkpoint.save(packed, file, dtype);
            System.out.printf(Locale.ROOT, "wrote %s (%.2f MB, %s, step %d); scoring it on the validation and test "
                    + "data...%n", file, Files.size(file) / 1e6, dtype.id(), loaded.step());

            List<String> validArgs = validationArgs(plan);
            Score valid = EvaluateCommand.score(with(file, validArgs));
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
                    + "feed-forward %d, length %d, dropout %s", loaded.tokens().label(), c.attention().label(),
                    c.dModel(), c.heads(), c.layers(), c.ffnDim(), c.maxLength(), c.dropout());
            ModelCard card = new ModelCard(recipe, file.getFileName().toString(), sha256(file), Files.size(file),
                    dtype.id(), loaded.model().parameterCount(), summary, recipe,
                    command != null ? command : loaded.provenance().command(),
                    loaded.provenance().dataFingerprint(), loaded.step(),
                    unit.convert(loaded.bestValidationLoss(), List.of()), unit.label(), hours,
                    machine != null ? machine : Runtime.getRuntime().availableProcessors() + " cores",
                    ModelCard.Measured.of(validArgs, valid), ModelCard.Measured.of(testArgs, full),
                    ModelCard.Measured.of(sliceArgs, part), note);
            ModelManifest.put(folder, card);
            System.out.printf(Locale.ROOT, "%s: validation %.4f %s on %s; test %.4f %s on %s; slice %.6f %s; recorded "
                    + "in %s%n", recipe, valid.value(), valid.unit(), valid.data(), full.value(), full.unit(),
                    full.data(), part.value(), part.unit(), folder.resolve(ModelManifest.FILE));
            EvaluateCommand.printSamples(full);
            System.out.println("next: ./suite readme (the README's shipped-models block)");
            return 0;
        }

        /**
         * Refuses a checkpoint whose recorded split options differ from the recipe's: packed, it
         * records the recipe's, and {@code evaluate --split} would then select other data than the
         * run held out.
         */
        static void checkSplit(Path checkpoint, JsonObject trained, JsonObject recipe, String name) {
            if (trained == null || trained.size() == 0) {
                throw new UserError(checkpoint + ": records no options, so nothing shows it was trained on the data "
                        + "split of recipe " + name + "; train it with --recipe " + name);
            }
            List<String> differ = new ArrayList<>();
            for (String key : RecordedData.OPTIONS) {
                String had = RecordedData.text(trained, key);
                String want = RecordedData.text(recipe, key);
                if (!Objects.equals(had, want)) {
                    differ.add("--" + key + " " + (had == null ? "(none)" : had) + " instead of "
                            + (want == null ? "(none)" : want));
                }
            }
            if (!differ.isEmpty()) {
                throw new UserError(checkpoint + ": was not trained on the data split of recipe " + name + " ("
                        + String.join(", ", differ) + "); its held-out scores would be measured on other data");
            }
        }

        /** The evaluate arguments of the validation split of {@code plan}'s data, as its options name it. */
        static List<String> validationArgs(TrainingPlan plan) {
            JsonObject o = plan.run().options();
            List<String> args = new ArrayList<>();
            if (plan.tokens() instanceof Pixels) {
                args.addAll(List.of("--data", o.get("data").getAsString()));
                if (o.has("format")) {
                    args.addAll(List.of("--format", o.get("format").getAsString()));
                }
            } else if (plan.tokens() instanceof MusicTokens.ChoraleGrid) {
                args.addAll(List.of("--chorales", o.get("chorales").getAsString()));
            } else {
                args.addAll(List.of("--midi", o.get("data").getAsString()));
            }
            args.addAll(List.of("--split", "valid"));
            return args;
        }

        static List<String> with(Path file, List<String> args) {
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

    /**
     * {@code suite models verify}: every full-set measurement {@code models.json} records (the
     * validation and test scores, with their sample measures) measured again and compared with the
     * record by {@link Verification}'s rule; the table is printed and kept in
     * {@code models/verification.json} and {@code models/README.md}. Not part of the unit tests:
     * it takes minutes (the Fashion-MNIST test set, its judging classifier and 1,000 samples).
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Measure again every validation and test score recorded in models/models.json (sample "
                    + "measures included) and compare each with its record: losses within 1e-4, sample measures within "
                    + "3·√2 standard errors. Prints the table and keeps it in models/verification.json and "
                    + "models/README.md; exit code 1 if a number differs. Takes minutes."})
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            Path folder = ShippedModels.folder();
            Map<String, ModelCard> cards = ModelManifest.read(folder);
            if (cards.isEmpty()) {
                throw new UserError(folder.resolve(ModelManifest.FILE) + ": no shipped models recorded");
            }
            MachineInfo m = MachineInfo.detect();
            double loadBefore = MachineInfo.loadAverage();
            List<Verification.Row> rows = new ArrayList<>();
            for (ModelCard card : cards.values()) {
                rows.addAll(measure(card, "validation", card.validation()));
                rows.addAll(measure(card, "test", card.test()));
            }
            String machine = String.format(Locale.ROOT, "%d cores, %s, %s (1-minute load average %.1f before, %.1f "
                    + "after)", m.cores(), m.cpuModel(), m.jvm(), loadBefore, MachineInfo.loadAverage());
            Verification v = new Verification(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine, rows);
            ModelManifest.putVerification(folder, v);
            for (Verification.Row r : rows) {
                System.out.printf(Locale.ROOT, "%-14s %-48s recorded %-12.6g now %-12.6g tolerance %-9.2g %s%n",
                        r.model(), r.measure(), r.recorded(), r.now(), r.tolerance(), r.passed() ? "ok" : "DIFFERS");
            }
            System.out.println((v.passed() ? "every number within its tolerance" : "some numbers differ") + "; kept in "
                    + folder.resolve(ModelManifest.VERIFICATION) + " and " + folder.resolve(ModelManifest.README));
            return v.passed() ? 0 : 1;
        }

        private static List<Verification.Row> measure(ModelCard card, String what, ModelCard.Measured recorded) {
            System.err.printf(Locale.ROOT, "%s: %s: evaluate %s%n", card.name(), what, String.join(" ",
                    recorded.args()));
            List<String> args = new ArrayList<>(List.of("--model", card.name()));
            args.addAll(recorded.args());
            return Verification.compare(card.name(), what, recorded, EvaluateCommand.score(args));
        }
    }
}

package org.attentionsuite.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attentionsuite.app.CommandText;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.ModelSize;
import org.attentionsuite.core.parallel.Workers;
import org.attentionsuite.core.sample.SamplingConfig;
import org.attentionsuite.core.train.CheckpointListener;
import org.attentionsuite.core.train.RunOptions;
import org.attentionsuite.core.train.Schedule;
import org.attentionsuite.core.train.Start;
import org.attentionsuite.core.train.TrainingOptions;
import org.attentionsuite.image.train.ImageSource;
import org.attentionsuite.music.train.MusicSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The option groups shared by commands, so that one option means one thing everywhere (same name,
 * same meaning, same description); each command fills in its domain's defaults for options left
 * unset, then every option holds the value the run used (and a checkpoint records it).
 */
final class Flags {
    private Flags() {
    }

    /** {@code --d-model --heads --layers --dropout --d-ff}. */
    static final class Model {
        @Option(names = "--d-model", paramLabel = "D", description = "model width")
        Integer dModel;

        @Option(names = "--heads", paramLabel = "H", description = "attention heads; must divide --d-model")
        Integer heads;

        @Option(names = "--layers", paramLabel = "N", description = "decoder blocks")
        Integer layers;

        @Option(names = "--dropout", paramLabel = "P", description = "dropout on embeddings and residual branches, in [0, 1)")
        Double dropout;

        @Option(names = "--d-ff", paramLabel = "F", description = "feed-forward width (default: 4 x --d-model)")
        Integer dFf;

        /** The size, unset options taken from {@code defaults} (and written back, so they are recorded). */
        ModelSize resolve(ModelSize defaults) {
            dModel = dModel != null ? dModel : defaults.dModel();
            heads = heads != null ? heads : defaults.heads();
            layers = layers != null ? layers : defaults.layers();
            dropout = dropout != null ? dropout : defaults.dropout();
            dFf = dFf != null ? dFf : 4 * dModel;
            return new ModelSize(dModel, heads, layers, dropout, dFf);
        }
    }

    /**
     * {@code --test --split-seed}: the held-out test part of data that has no test split of its own
     * (a folder of images, MIDI pieces), drawn by a seeded shuffle and recorded with the run, so
     * {@code evaluate --split test} finds it again.
     */
    static final class Split {
        @Option(names = "--test", paramLabel = "N", description = "images or MIDI pieces held out as a test split, "
                + "seen neither by training nor by early stopping (at most a fifth of the data, at least one; "
                + "default 0, none)")
        Integer test;

        @Option(names = "--split-seed", paramLabel = "S", description = "seed of the fixed shuffle that picks the "
                + "held-out images (validation and test) or test pieces (default 2018)")
        Long seed;

        /** Whether either option is given. */
        boolean given() {
            return test != null || seed != null;
        }

        /** Fills in the options not given from the data's defaults (written back, so they are recorded). */
        void resolve(int defaultTest, long defaultSeed) {
            test = test != null ? test : defaultTest;
            seed = seed != null ? seed : defaultSeed;
        }
    }

    /** {@code --steps --batch --lr --warmup --schedule --eval-every --patience --seed}. */
    static final class Training {
        @Option(names = "--steps", paramLabel = "N", description = "total optimizer steps, resumed ones included")
        Long steps;

        @Option(names = "--batch", paramLabel = "B", description = "sequences (images, windows) per step")
        Integer batch;

        @Option(names = "--lr", paramLabel = "RATE", description = "peak learning rate of the schedule")
        Double lr;

        @Option(names = "--warmup", paramLabel = "N", description = "learning-rate warm-up steps (0 = the command's "
                + "default, which depends on --steps)")
        Integer warmup;

        @Option(names = "--schedule", paramLabel = "SHAPE", description = "learning-rate schedule after the warm-up: "
                + "cosine (to --lr/10 at --steps; the images' default), inverse-sqrt (keeps training until --patience "
                + "stops it; the music default) or default")
        String schedule;

        @Option(names = "--eval-every", paramLabel = "N", description = "evaluate and write checkpoints every N steps "
                + "(0 = the command's default, which depends on --steps)")
        Integer evalEvery;

        @Option(names = "--patience", paramLabel = "N", description = "stop early after N evaluations without a new "
                + "best validation loss (0 = run all --steps)")
        Integer patience;

        @Option(names = "--seed", paramLabel = "S", description = "seed of the weights, batches, augmentation and dropout")
        Long seed;

        /** The options, unset ones taken from {@code defaults} (and written back). */
        TrainingOptions resolve(TrainingOptions defaults) {
            steps = steps != null ? steps : defaults.steps();
            batch = batch != null ? batch : defaults.batch();
            lr = lr != null ? lr : defaults.learningRate();
            warmup = warmup != null ? warmup : defaults.warmup();
            evalEvery = evalEvery != null ? evalEvery : defaults.evalEvery();
            patience = patience != null ? patience : defaults.patience();
            seed = seed != null ? seed : defaults.seed();
            schedule = schedule != null ? schedule : defaults.schedule().id();
            return new TrainingOptions(steps, batch, lr, warmup, evalEvery, patience, seed, Schedule.byId(schedule));
        }
    }

    /** {@code --out --resume [CKPT] --overwrite}. */
    static final class Run {
        @Option(names = "--out", paramLabel = "DIR", description = "run folder: checkpoints, metrics.jsonl, loss.png")
        Path out;

        @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "CKPT",
                description = "continue a run: from CKPT, or from --out's last.ckpt when no file is given")
        String resume;

        @Option(names = "--overwrite", description = "replace an earlier run in --out (its checkpoints, metrics, chart)")
        boolean overwrite;

        @Option(names = "--init", paramLabel = "CKPT", description = "start a new run from CKPT's weights (the same "
                + "model; e.g. a shipped model to fine-tune) with a fresh optimizer at step 0, instead of random weights")
        Path init;

        /** How the run starts in {@code out}. */
        Start start(Path out) {
            if (resume != null && overwrite) {
                throw new UserError("give either --resume or --overwrite, not both");
            }
            if (resume != null) {
                Path ckpt = resume.isEmpty() ? out.resolve(CheckpointListener.LAST) : Path.of(resume);
                if (resume.isEmpty() && !Files.exists(ckpt)) {
                    throw new UserError("--resume: " + out + " has no " + CheckpointListener.LAST
                            + " to continue; give the checkpoint: --resume CKPT");
                }
                return new Start.Resume(ckpt);
            }
            return overwrite ? new Start.Overwrite() : new Start.Fresh();
        }
    }

    /** {@code --workers N} or {@code --spark MASTER}: where the model's passes run; results are the same bits everywhere. */
    static final class Parallelism {
        @Option(names = "--workers", paramLabel = "N", description = "threads computing side by side, each with its "
                + "own model replica and one BLAS thread (default: one per core); the results are the same bits for "
                + "every N")
        Integer workers;

        @Option(names = "--spark", arity = "0..1", fallbackValue = "", paramLabel = "MASTER", description = "compute on "
                + "the executors of an Apache Spark cluster instead: local[N], spark://HOST:PORT, yarn or k8s://URL "
                + "(no value: spark-submit's --master); the same bits as --workers; ./suite adds Spark when this is "
                + "given")
        String spark;

        /**
         * The workers, {@code fallback} threads when neither {@code --workers} nor {@code --spark}
         * is given. Not recorded in checkpoints: they do not change a run's numbers, and a replayed
         * run picks its own.
         */
        Workers resolve(int fallback) {
            if (spark != null) {
                if (workers != null) {
                    throw new UserError("give either --workers (threads of this machine) or --spark (a cluster's "
                            + "executors), not both");
                }
                return Workers.spark(spark);
            }
            return Workers.threads(workers != null ? workers : fallback);
        }

        /** The workers, one thread per core when neither {@code --workers} nor {@code --spark} is given. */
        Workers resolve() {
            return resolve(Runtime.getRuntime().availableProcessors());
        }
    }

    /** {@code --config FILE} and {@code --recipe NAME}: read by {@link ConfigFiles} before parsing. */
    static final class Config {
        @Option(names = ConfigFiles.CONFIG, paramLabel = "FILE", description = "read options from this JSON file "
                + "(keys are long option names without --; flags on the command line win)")
        Path config;

        @Option(names = ConfigFiles.RECIPE, paramLabel = "NAME", description = "read options from recipes/NAME.json "
                + "(a named, converged training setup; flags on the command line win)")
        String recipe;
    }

    /**
     * Everything a training command shares: model, training, held-out split, run folder, workers and
     * config-file options.
     */
    static final class Train {
        @picocli.CommandLine.Mixin
        Model model;

        @picocli.CommandLine.Mixin
        Split split;

        @picocli.CommandLine.Mixin
        Training training;

        @picocli.CommandLine.Mixin
        Run run;

        @picocli.CommandLine.Mixin
        Parallelism parallelism;

        @picocli.CommandLine.Mixin
        Config config;

        /** The training command these options are mixed into. */
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        /**
         * Where the run goes ({@code --out}, else {@code defaults}' folder, written back so it is
         * recorded), how it starts, what it records (this command line and its options, every one
         * resolved before) and where it computes.
         */
        RunOptions run(RunOptions defaults) {
            run.out = run.out != null ? run.out : defaults.out();
            return new RunOptions(run.out, run.start(run.out), CommandText.of(spec), ConfigFiles.recorded(spec),
                    parallelism.resolve(), run.init);
        }

        /** Prints where a finished run's files are and the command to use its best checkpoint with. */
        static void printRun(RunOptions run, String next) {
            System.out.println("run folder: " + run.out().toAbsolutePath().normalize()
                    + " (best.ckpt, last.ckpt, metrics.jsonl, loss.png)");
            System.out.println(next);
        }
    }

    /** {@code --model NAME}: a shipped model, in place of a checkpoint file the command takes otherwise. */
    static final class ShippedModel {
        @Option(names = "--model", paramLabel = "NAME", description = "a shipped model instead of a checkpoint, e.g. "
                + "fashion-mnist or jsb-chorales")
        String name;

        /**
         * The checkpoint file: {@code checkpoint}, given as {@code given} ({@code "--checkpoint CKPT"},
         * {@code "CKPT"}), or the shipped model's; exactly one must be given.
         */
        Path file(Path checkpoint, String given) {
            return ShippedModels.checkpoint(checkpoint, given, name);
        }
    }

    /** {@code --checkpoint CKPT} or {@code --model NAME}: the model a command reads. */
    static final class Checkpoint {
        @Option(names = "--checkpoint", paramLabel = "CKPT", description = "a checkpoint file, e.g. best.ckpt in a "
                + "training run's --out folder")
        Path checkpoint;

        @picocli.CommandLine.Mixin
        ShippedModel model;

        /** The checkpoint file: {@code --checkpoint}, or the shipped model's; exactly one must be given. */
        Path file() {
            return model.file(checkpoint, "--checkpoint CKPT");
        }

        /** What the model is called in outputs: the shipped model's name, else the checkpoint's path. */
        String name() {
            return model.name != null ? model.name : checkpoint.toString();
        }

        /**
         * The folder for what a command writes: {@code out} when given, else {@code runs/KIND/NAME} for a
         * shipped model and the folder {@code KIND} beside the checkpoint. Checks first that the model
         * is given and found.
         */
        Path outputs(Path out, String kind) {
            Path file = file();
            if (out != null) {
                return out;
            }
            if (model.name != null) {
                return Path.of("runs", kind, model.name);
            }
            Path parent = file.toAbsolutePath().getParent();
            return parent == null ? Path.of(kind) : parent.resolve(kind);
        }
    }

    /** {@code --data --format}: images to read. */
    static final class Images {
        @Option(names = "--data", paramLabel = "PATH", description = "images: 'bundled' (2,000 Fashion-MNIST images "
                + "in the jar), an IDX or CIFAR-10 file or folder, a folder of PNG/JPEG/GIF pictures, or one picture")
        String data;

        @Option(names = "--format", description = "idx | cifar | folder (default: decided from the content)")
        String format;

        /** The images; {@code fallback} when {@code --data} is not given (written back, so it is recorded). */
        ImageSource source(String fallback) {
            data = data != null ? data : fallback;
            return ImageSource.of(data, format);
        }
    }

    /** {@code --chorales}: the JSB chorales, for the commands that read them. */
    static final class Chorales {
        @Option(names = "--chorales", paramLabel = "bundled|<json>", description = "the JSB chorales: 'bundled' (the "
                + "copy in the jar) or the path of Coconet's Jsb16thSeparated.json")
        String path;

        /** Whether {@code --chorales} is given. */
        boolean given() {
            return path != null;
        }

        /** The chorales: the bundled ones when {@code --chorales} is not given. */
        MusicSource source() {
            return MusicSource.ofChorales(path);
        }
    }

    /** {@code --out DIR} of the research commands: the report folder that sweep and compare write and report gathers. */
    static final class ReportFolder {
        @Option(names = "--out", defaultValue = "report", paramLabel = "DIR", description = "report folder: results/, "
                + "charts/ and index.md (default: ${DEFAULT-VALUE})")
        Path out;

        /**
         * The folder, created now: a command checks it before its work (a comparison trains for
         * hours), not when it writes the results.
         */
        Path ready() {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new UserError("--out " + out + " is a file, not a report folder");
            }
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                throw new UserError("--out " + out + ": cannot create the report folder (" + e + ")");
            }
            if (!Files.isWritable(out)) {
                throw new UserError("--out " + out + ": the report folder is not writable");
            }
            return out;
        }

        /** Prints the files a command wrote into the report folder. */
        static void printWritten(List<Path> written) {
            System.out.println("Wrote:");
            written.forEach(p -> System.out.println("  " + p));
        }
    }

    /** {@code --temperature --top-k --top-p --seed} of sampling commands. */
    static final class Sampling {
        @Option(names = "--temperature", defaultValue = "1.0", description = "softmax temperature, 0 = greedy "
                + "(default: ${DEFAULT-VALUE})")
        double temperature;

        @Option(names = "--top-k", defaultValue = "0", description = "keep the k most likely tokens, 0 = all "
                + "(default: ${DEFAULT-VALUE})")
        int topK;

        @Option(names = "--top-p", defaultValue = "1.0", description = "nucleus mass in (0, 1], 1 = all "
                + "(default: ${DEFAULT-VALUE})")
        double topP;

        @Option(names = "--seed", defaultValue = "1", description = "same seed, same output (default: ${DEFAULT-VALUE})")
        long seed;

        SamplingConfig config() {
            return new SamplingConfig(temperature, topK, topP, seed);
        }
    }
}

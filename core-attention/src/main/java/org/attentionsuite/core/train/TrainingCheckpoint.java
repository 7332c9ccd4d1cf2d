package org.attentionsuite.core.train;

import java.nio.file.Path;
import java.time.Instant;
import org.attentionsuite.core.SuiteVersion;
import org.attentionsuite.core.checkpoint.Checkpoint;
import org.attentionsuite.core.checkpoint.Dtype;
import org.attentionsuite.core.checkpoint.Json;
import org.attentionsuite.core.checkpoint.Provenance;

/**
 * A training run in a checkpoint: what {@link TrainingRun} saves (weights, Adam's moments, the
 * training config, counters and progress, in the model's own precision) and how a loaded
 * checkpoint continues as a run, so that a resumed run repeats an uninterrupted one bit for bit.
 * The file format itself is {@link Checkpoint}'s.
 */
public final class TrainingCheckpoint {
    private TrainingCheckpoint() {
    }

    /** Atomically writes the whole run (weights, optimizer state, counters) to {@code file}. */
    public static void save(TrainingRun run, Path file, Checkpoint.RunRecord record) {
        Provenance provenance = new Provenance(run.config().seed(), run.dataFingerprint(), SuiteVersion.get(),
                Instant.now().toString(), record.command());
        Checkpoint.Training training = new Checkpoint.Training(Json.gson().toJsonTree(run.config()),
                new Checkpoint.Progress(run.smoothedLoss(), run.elapsedSeconds(), run.evaluationsWithoutImprovement()),
                run.optimizer().firstMoments(), run.optimizer().secondMoments());
        Checkpoint.save(new Checkpoint.Loaded(run.model(), record.tokens(), provenance, record.options(), run.step(),
                run.bestValidationLoss(), training, file), file, Dtype.exact(run.model().precision()));
    }

    /** The training config the checkpoint's run was trained with; a weights-only checkpoint has none. */
    public static TrainConfig config(Checkpoint.Loaded loaded) {
        return Checkpoint.decode(loaded.file(), loaded.training().config(), TrainConfig.class);
    }

    /**
     * The run of {@code loaded} continued under {@code training} (e.g. more steps): the same model,
     * optimizer moments, counters and progress, with the new config.
     */
    public static TrainingRun continueRun(Checkpoint.Loaded loaded, TrainConfig training) {
        Checkpoint.Training saved = loaded.training();
        TrainingRun run = new TrainingRun(loaded.model(), training, loaded.provenance().dataFingerprint());
        run.optimizer().firstMoments().copyFrom(saved.firstMoments());
        run.optimizer().secondMoments().copyFrom(saved.secondMoments());
        run.restore(loaded.step(), loaded.bestValidationLoss());
        Checkpoint.Progress p = saved.progress();
        run.restoreProgress(p.smoothedLoss(), p.elapsedSeconds(), p.evaluationsWithoutImprovement());
        return run;
    }
}

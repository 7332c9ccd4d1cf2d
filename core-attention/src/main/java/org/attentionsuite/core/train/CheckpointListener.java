package org.attentionsuite.core.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.attentionsuite.core.checkpoint.Checkpoint;

/**
 * Saves {@code best.ckpt} whenever validation improves and {@code last.ckpt} after every
 * evaluation and at the end. {@code best.ckpt} is always written first, so a kill between the two
 * writes never leaves a {@code last.ckpt} without a {@code best.ckpt}; a later, worse evaluation
 * never replaces it. (If a resumed run starts in a folder without {@code best.ckpt}, its first
 * evaluation writes one.) The trainer evaluates before it ends, so {@code last.ckpt} always
 * follows a validated state.
 */
public final class CheckpointListener implements TrainingListener {
    /** Name of the checkpoint of the best validation loss. */
    public static final String BEST = "best.ckpt";
    /** Name of the checkpoint of the latest state. */
    public static final String LAST = "last.ckpt";

    private final Path directory;
    private final Checkpoint.RunRecord record;
    private long savedStep = -1;

    public CheckpointListener(Path directory, Checkpoint.RunRecord record) {
        this.directory = directory;
        this.record = record;
    }

    public Path last() {
        return directory.resolve(LAST);
    }

    public Path best() {
        return directory.resolve(BEST);
    }

    @Override
    public void onEvaluation(TrainingRun run, EvalReport e) {
        if (e.improved() || !Files.exists(best())) {
            TrainingCheckpoint.save(run, best(), record);
        }
        TrainingCheckpoint.save(run, last(), record);
        savedStep = run.step();
    }

    @Override
    public void onEnd(TrainingRun run) {
        if (savedStep == run.step()) {
            return;                                          // the final evaluation saved this state
        }
        if (!Files.exists(best())) {
            TrainingCheckpoint.save(run, best(), record);
        }
        TrainingCheckpoint.save(run, last(), record);
    }
}

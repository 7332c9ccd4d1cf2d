package org.attentionsuite.core.checkpoint;

import java.nio.file.Path;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.StepReport;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Saves {@code last.ckpt} every {@code checkpointEvery} steps, after each evaluation and at the
 * end, and {@code best.ckpt} whenever validation improves.
 */
public final class CheckpointListener implements TrainingListener {
    private final Path directory;
    private final String command;

    public CheckpointListener(Path directory, String command) {
        this.directory = directory;
        this.command = command;
    }

    public Path last() {
        return directory.resolve("last.ckpt");
    }

    public Path best() {
        return directory.resolve("best.ckpt");
    }

    @Override
    public void onStep(TrainingRun run, StepReport r) {
        int every = run.config().checkpointEvery();
        if (every > 0 && r.step() % every == 0) {
            Checkpoint.save(run, last(), command);
        }
    }

    @Override
    public void onEvaluation(TrainingRun run, EvalReport e) {
        Checkpoint.save(run, last(), command);
        if (e.improved()) {
            Checkpoint.save(run, best(), command);
        }
    }

    @Override
    public void onEnd(TrainingRun run) {
        Checkpoint.save(run, last(), command);
    }
}

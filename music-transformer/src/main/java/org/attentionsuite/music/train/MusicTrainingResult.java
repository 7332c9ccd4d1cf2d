package org.attentionsuite.music.train;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.attentionsuite.core.model.ModelConfig;
import org.attentionsuite.core.train.EvalReport;

/**
 * What a music training run produced.
 *
 * @param bestCheckpoint     checkpoint with the lowest validation loss ({@code best.ckpt}, or
 *                           {@code last.ckpt} when this run never improved on a resumed one)
 * @param lastCheckpoint     checkpoint after the last step ({@code last.ckpt})
 * @param model              the model's configuration
 * @param parameters         number of parameters
 * @param encoding           the token vocabulary
 * @param steps              optimizer steps completed in total
 * @param bestValidation     lowest validation NLL in nats per target (event or token)
 * @param lastValidation     validation NLL after the last step
 * @param bestNatsPerNote    chorales only: {@code bestValidation} in nats per note
 * @param evaluations        the evaluations of this run, in order
 * @param dataSummary        one line describing the data
 * @param seconds            wall time of the run
 */
public record MusicTrainingResult(Path bestCheckpoint, Path lastCheckpoint, ModelConfig model, int parameters,
        MusicEncoding encoding, long steps, double bestValidation, double lastValidation,
        OptionalDouble bestNatsPerNote, List<EvalReport> evaluations, String dataSummary, double seconds) {
    public MusicTrainingResult {
        evaluations = List.copyOf(evaluations);
    }
}

package org.attentionsuite.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.Seeds;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.parallel.Replicas;

/**
 * The training loop: teacher forcing, Adam, evaluation; everything else happens in listeners.
 * Step {@code s} draws its batch from {@code Random(mix(seed, s))} and seeds dropout the same way,
 * so the loss sequence depends only on the seed and the starting state (resume is exact). The
 * forward and backward passes run on the model's {@link Replicas}, whose results do not depend on
 * how many workers they use.
 *
 * <p>Divergence: a training or validation loss that is not finite, or larger than
 * {@link #absurdLoss} ({@code 4·ln V}, four times the loss of a uniform guess over the {@code V}
 * ids), or a non-finite gradient norm stops training with {@link TrainingDivergedException}
 * before the update is applied and before any listener sees the broken model, so nothing is
 * saved from it.
 */
public final class Trainer {
    /** Mixed into the seed for dropout, so masks and batches draw from different streams. */
    private static final long DROPOUT = 0x9E3779B97F4A7C15L;

    private final List<TrainingListener> listeners = new ArrayList<>();

    public Trainer listen(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** The loss above which training is considered diverged: {@code 4·ln V}. */
    public static double absurdLoss(int vocabSize) {
        return 4 * Math.log(Math.max(2, vocabSize));
    }

    /**
     * Trains until {@code run.config().steps()} or an early stop, computing on {@code replicas} of
     * the run's model; returns the run for chaining.
     */
    public TrainingRun train(TrainingRun run, DataSource data, Replicas replicas) {
        TrainConfig c = run.config();
        DecoderModel model = run.model();
        double limit = absurdLoss(model.config().vocabSize());
        long start = System.nanoTime();
        while (run.step() < c.steps() && !run.stopRequested()) {
            long s = run.step() + 1;
            long t0 = System.nanoTime();
            Batch batch = data.trainBatch(new Random(Seeds.mix(c.seed(), s)));
            double loss = replicas.gradients(batch, Seeds.mix(c.seed() ^ DROPOUT, s));   // d(mean loss)/dθ
            if (!Double.isFinite(loss) || loss > limit) {
                throw new TrainingDivergedException(s, "training loss", loss, limit);
            }
            double norm = run.optimizer().gradientNorm();
            if (!Double.isFinite(norm)) {
                throw new TrainingDivergedException(s, "gradient norm", norm, limit);  // weights stay good
            }
            double lr = c.schedule().rate(s);
            run.optimizer().update(c, s, lr, norm);
            double seconds = (System.nanoTime() - t0) / 1e9;
            run.advance(loss, seconds);
            StepReport report = new StepReport(s, c.steps(), loss, lr, norm, batch.countedTargets(), seconds);
            for (TrainingListener l : listeners) {
                l.onStep(run, report);
            }
            boolean last = s == c.steps();
            if ((c.evalEvery() > 0 && s % c.evalEvery() == 0) || last) {
                double v = replicas.evaluate(data.validationBatches());
                if (!Double.isFinite(v) || v > limit) {
                    throw new TrainingDivergedException(s, "validation loss", v, limit);  // nothing is saved
                }
                boolean improved = run.recordValidation(v);
                EvalReport e = new EvalReport(s, v, run.bestValidationLoss(), improved, (System.nanoTime() - start) / 1e9);
                for (TrainingListener l : listeners) {
                    l.onEvaluation(run, e);
                }
            }
        }
        for (TrainingListener l : listeners) {
            l.onEnd(run);
        }
        return run;
    }
}

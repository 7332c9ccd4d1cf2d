package org.attentionsuite.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;

/**
 * The training loop: teacher forcing, Adam, evaluation; everything else happens in listeners.
 * Step {@code s} draws its batch from {@code Random(mix(seed, s))} and reseeds dropout the same
 * way, so the loss sequence depends only on the seed and the starting state (resume is exact).
 *
 * <p>Divergence: a training or validation loss that is not finite, or larger than
 * {@link #absurdLoss} ({@code 4·ln V}, four times the loss of a uniform guess over the {@code V}
 * ids), or a non-finite gradient norm stops training with {@link TrainingDivergedException}
 * before the update is applied and before any listener sees the broken model, so nothing is
 * saved from it.
 */
public final class Trainer {
    private final List<TrainingListener> listeners = new ArrayList<>();

    public Trainer listen(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** The loss above which training is considered diverged: {@code 4·ln V}. */
    public static double absurdLoss(int vocabSize) {
        return 4 * Math.log(Math.max(2, vocabSize));
    }

    /** Trains until {@code run.config().steps()} or an early stop; returns the run for chaining. */
    public TrainingRun train(TrainingRun run, DataSource data) {
        TrainConfig c = run.config();
        DecoderModel model = run.model();
        double limit = absurdLoss(model.config().vocabSize());
        long start = System.nanoTime();
        while (run.step() < c.steps() && !run.stopRequested()) {
            long s = run.step() + 1;
            long t0 = System.nanoTime();
            Batch batch = data.trainBatch(new Random(mix(c.seed(), s)));
            model.reseedDropout(mix(c.seed() ^ 0x9E3779B97F4A7C15L, s));
            model.params().zeroGrads();
            double loss = model.forward(batch, true);
            if (!Double.isFinite(loss) || loss > limit) {
                throw new TrainingDivergedException(s, "training loss", loss, limit);
            }
            model.backward();
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
                double v = evaluate(model, data.validationBatches());
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

    /** Mean loss per counted target over the batches, in nats (no dropout). */
    public static double evaluate(DecoderModel model, List<Batch> batches) {
        double total = 0;
        long count = 0;
        for (Batch b : batches) {
            int n = b.countedTargets();
            total += model.forward(b, false) * n;
            count += n;
        }
        return count == 0 ? Double.NaN : total / count;
    }

    /** SplitMix64 finaliser of {@code seed + step}: independent streams per step. */
    static long mix(long seed, long step) {
        long z = seed + step * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

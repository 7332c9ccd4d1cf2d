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
 */
public final class Trainer {
    private final List<TrainingListener> listeners = new ArrayList<>();

    public Trainer listen(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Trains until {@code run.config().steps()}; returns the run for chaining. */
    public TrainingRun train(TrainingRun run, DataSource data) {
        TrainConfig c = run.config();
        DecoderModel model = run.model();
        long start = System.nanoTime();
        while (run.step() < c.steps()) {
            long s = run.step() + 1;
            long t0 = System.nanoTime();
            Batch batch = data.trainBatch(new Random(mix(c.seed(), s)));
            model.reseedDropout(mix(c.seed() ^ 0x9E3779B97F4A7C15L, s));
            model.params().zeroGrads();
            double loss = model.forward(batch, true);
            if (!Double.isFinite(loss)) {
                throw new TrainingDivergedException(s, loss);
            }
            model.backward();
            double norm = run.optimizer().gradientNorm();
            if (!Double.isFinite(norm)) {
                throw new TrainingDivergedException(s, norm);   // before the update: weights stay good
            }
            double lr = c.schedule().rate(s);
            run.optimizer().update(c, s, lr, norm);
            run.advance();
            StepReport report = new StepReport(s, c.steps(), loss, lr, norm, batch.countedTargets(),
                    (System.nanoTime() - t0) / 1e9);
            for (TrainingListener l : listeners) {
                l.onStep(run, report);
            }
            boolean last = s == c.steps();
            if ((c.evalEvery() > 0 && s % c.evalEvery() == 0) || last) {
                double v = evaluate(model, data.validationBatches());
                if (!Double.isFinite(v)) {
                    throw new TrainingDivergedException(s, v);  // nothing is saved from a broken model
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

package org.attentionsuite.experiments.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.attentionsuite.core.model.Batch;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.train.DataSource;
import org.attentionsuite.core.train.EvalReport;
import org.attentionsuite.core.train.StepReport;
import org.attentionsuite.core.train.Trainer;
import org.attentionsuite.core.train.TrainingListener;
import org.attentionsuite.core.train.TrainingRun;

/**
 * Trains the same model once per arm of a {@link QualityTask}, on the same data (through the arm's
 * view), for the same steps, with the same seed (weights, batch order, dropout), and records the
 * validation loss against wall time. Arms run one after the other, so they have the machine to
 * themselves.
 */
public final class QualityComparison {
    private QualityComparison() {
    }

    /** Runs every arm; {@code progress} receives one line per validation. */
    public static QualityResult run(QualityTask task, QualityOptions options, Consumer<String> progress) {
        DataSource shared = task.data().get();
        List<QualityResult.ArmResult> arms = new ArrayList<>();
        for (Arm arm : task.arms()) {
            arms.add(runArm(task, arm, arm.view().apply(shared), options, progress));
        }
        return new QualityResult(task.name(), options, task.units().stream().map(LossUnit::label).toList(),
                shared.fingerprint(), arms);
    }

    private static QualityResult.ArmResult runArm(QualityTask task, Arm arm, DataSource data, QualityOptions o,
            Consumer<String> progress) {
        DecoderModel model = new DecoderModel(QualityTask.config(task.base(), arm), Precision.FLOAT32, o.seed());
        List<Batch> validation = data.validationBatches();
        LossUnit primary = task.units().get(0);
        String tag = "[" + task.name() + "/" + arm.label() + "]";
        progress.accept(String.format(Locale.ROOT, "%s %s, %s positions, %d parameters, %d steps", tag,
                arm.attention().label(), arm.position().label(), model.parameterCount(), o.steps()));
        double initial = Trainer.evaluate(model, validation);
        Recorder rec = new Recorder(primary, validation, tag, progress);
        rec.points.add(new QualityResult.Point(0, 0, initial, primary.convert(initial, validation)));
        TrainingRun run = new TrainingRun(model, o.trainConfig(), data.fingerprint());
        long t0 = System.nanoTime();
        new Trainer().listen(rec).train(run, data);
        double wall = (System.nanoTime() - t0) / 1e9;
        double last = run.lastValidationLoss();
        List<Double> inUnits = task.units().stream().map(u -> u.convert(last, validation)).toList();
        return new QualityResult.ArmResult(arm.label(), arm.attention().label(), arm.position().label(),
                model.parameterCount(), run.step(), rec.stepSeconds / Math.max(1, rec.steps), wall, rec.points, last,
                inUnits);
    }

    /** Records step times and validation points. */
    private static final class Recorder implements TrainingListener {
        final List<QualityResult.Point> points = new ArrayList<>();
        final LossUnit unit;
        final List<Batch> validation;
        final String tag;
        final Consumer<String> progress;
        double stepSeconds;
        long steps;

        Recorder(LossUnit unit, List<Batch> validation, String tag, Consumer<String> progress) {
            this.unit = unit;
            this.validation = validation;
            this.tag = tag;
            this.progress = progress;
        }

        @Override
        public void onStep(TrainingRun run, StepReport r) {
            stepSeconds += r.seconds();
            steps++;
        }

        @Override
        public void onEvaluation(TrainingRun run, EvalReport e) {
            double v = unit.convert(e.loss(), validation);
            points.add(new QualityResult.Point(e.step(), e.elapsedSeconds(), e.loss(), v));
            progress.accept(String.format(Locale.ROOT, "%s step %d: validation %.4f %s (%.0f s, %.3f s/step)", tag,
                    e.step(), v, unit.label(), e.elapsedSeconds(), stepSeconds / Math.max(1, steps)));
        }
    }
}

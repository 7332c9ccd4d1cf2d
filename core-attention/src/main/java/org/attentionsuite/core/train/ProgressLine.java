package org.attentionsuite.core.train;

import java.io.PrintStream;
import java.util.Locale;
import org.attentionsuite.core.io.Terminal;

/**
 * One line that updates in place: step, loss (smoothed), tokens/s and ETA; evaluations are printed
 * on their own line so they stay in the scroll-back. Falls back to one line per report when the
 * output is not a terminal (logs, CI).
 */
public final class ProgressLine implements TrainingListener {
    private final PrintStream out;
    private final boolean interactive;
    private final int everySteps;
    private double smoothLoss = Double.NaN;
    private double tokens;
    private double seconds;
    private long lastPrinted;
    private long firstStep = -1;

    public ProgressLine(PrintStream out, boolean interactive, int everySteps) {
        this.out = out;
        this.interactive = interactive;
        this.everySteps = Math.max(1, everySteps);
    }

    /** Progress on standard error; redrawn in place when it is a terminal ({@link Terminal#interactive}). */
    public static ProgressLine console() {
        boolean interactive = Terminal.interactive();
        return new ProgressLine(System.err, interactive, interactive ? 1 : 25);
    }

    @Override
    public void onStep(TrainingRun run, StepReport r) {
        smoothLoss = Double.isNaN(smoothLoss) ? r.loss() : 0.9 * smoothLoss + 0.1 * r.loss();
        tokens += r.tokens();
        seconds += r.seconds();
        if (r.step() % everySteps != 0 && r.step() != r.totalSteps()) {
            return;
        }
        double tps = seconds > 0 ? tokens / seconds : 0;
        if (firstStep < 0) {
            firstStep = r.step() - 1;
        }
        double perStep = seconds / Math.max(1, r.step() - firstStep);
        long remaining = r.totalSteps() - r.step();
        String line = String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  %.0f tok/s  ETA %s", r.step(),
                r.totalSteps(), smoothLoss, r.learningRate(), tps, duration(perStep * remaining));
        if (interactive) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
        lastPrinted = r.step();
    }

    @Override
    public void onEvaluation(TrainingRun run, EvalReport e) {
        if (interactive) {
            out.println();
        }
        out.printf(Locale.ROOT, "eval step %d: validation loss %.4f nats (best %.4f)%s%n", e.step(), e.loss(),
                e.bestLoss(), e.improved() ? " *" : "");
        out.flush();
    }

    @Override
    public void onEnd(TrainingRun run) {
        if (interactive && lastPrinted > 0) {
            out.println();
        }
    }

    static String duration(double s) {
        if (!Double.isFinite(s) || s < 0) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }
}

package org.attentionsuite.core.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.attentionsuite.core.io.Terminal;

/**
 * One line that updates in place: step, smoothed loss, rate, tokens/s and ETA; evaluations are
 * printed on their own line (in the task's unit) so they stay in the scroll-back. When the stream
 * is not a terminal (a log file, CI) it prints one plain line every {@code everySteps} steps.
 *
 * <p>The loss shown is the run's moving average, which a checkpoint carries across resumes. The
 * ETA leaves out the first {@value #WARMUP_STEPS} steps of a session (JIT compilation makes them
 * several times slower) and is shown as {@code ?} until it has measured some.
 */
public final class ProgressLine implements TrainingListener {
    /** Steps of each session left out of the ETA. */
    static final int WARMUP_STEPS = 10;

    private final PrintStream out;
    private final boolean interactive;
    private final int everySteps;
    private final DoubleFunction<String> describe;
    private double tokens;
    private double seconds;
    private double timedSeconds;
    private long timedSteps;
    private long sessionSteps;
    private long lastPrinted;

    /**
     * @param describe formats a validation loss (nats per target) in the task's unit
     */
    public ProgressLine(PrintStream out, boolean interactive, int everySteps, DoubleFunction<String> describe) {
        this.out = out;
        this.interactive = interactive;
        this.everySteps = Math.max(1, everySteps);
        this.describe = describe;
    }

    /** Plain nats. */
    public ProgressLine(PrintStream out, boolean interactive, int everySteps) {
        this(out, interactive, everySteps, v -> String.format(Locale.ROOT, "%.4f nats", v));
    }

    /**
     * Progress on standard error: redrawn in place when it is a terminal ({@link Terminal#interactive}),
     * else a plain line every 25 steps.
     */
    public static ProgressLine console(DoubleFunction<String> describe) {
        boolean tty = Terminal.interactive();
        return new ProgressLine(System.err, tty, tty ? 1 : 25, describe);
    }

    /**
     * Progress on {@code out}: in place only when it is standard error and that is a terminal,
     * else a plain line every 25 steps.
     */
    public static ProgressLine on(PrintStream out, DoubleFunction<String> describe) {
        return out == System.err ? console(describe) : new ProgressLine(out, false, 25, describe);
    }

    /** {@link #console(DoubleFunction)} in nats. */
    public static ProgressLine console() {
        return console(v -> String.format(Locale.ROOT, "%.4f nats", v));
    }

    @Override
    public void onStep(TrainingRun run, StepReport r) {
        tokens += r.tokens();
        seconds += r.seconds();
        sessionSteps++;
        if (sessionSteps > WARMUP_STEPS) {
            timedSeconds += r.seconds();
            timedSteps++;
        }
        if (r.step() % everySteps != 0 && r.step() != r.totalSteps()) {
            return;
        }
        double tps = seconds > 0 ? tokens / seconds : 0;
        double perStep = timedSteps >= 3 ? timedSeconds / timedSteps : Double.NaN;
        long remaining = r.totalSteps() - r.step();
        String line = String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  %.0f tok/s  ETA %s", r.step(),
                r.totalSteps(), run.smoothedLoss(), r.learningRate(), tps, duration(perStep * remaining));
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
        out.printf(Locale.ROOT, "eval step %d: validation %s (best %s)%s%n", e.step(), describe.apply(e.loss()),
                describe.apply(e.bestLoss()), e.improved() ? " *" : "");
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

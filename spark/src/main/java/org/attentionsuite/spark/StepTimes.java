package org.attentionsuite.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the training steps of a Spark run spent their time: the driver broadcasting the weights,
 * the slowest task loading them and computing its block, the rest of the job (scheduling the tasks,
 * sending them, collecting their gradients), and the driver's gradient sum.
 */
final class StepTimes {
    private final List<Split> steps = new ArrayList<>();

    /**
     * One step's times in seconds.
     *
     * @param broadcast the driver broadcasting the weights
     * @param load      the longest a task took to load them into its replica
     * @param compute   the longest a task computed (forward, backward, copying its result out)
     * @param rest      the job's time beyond its slowest task: scheduling, sending and collecting
     * @param sum       the driver adding the blocks' gradients
     */
    record Split(double broadcast, double load, double compute, double rest, double sum) {
        double total() {
            return broadcast + load + compute + rest + sum;
        }
    }

    /** One step: the driver's times and the tasks' own, in nanoseconds. */
    void add(long broadcastNanos, long jobNanos, long sumNanos, List<TaskResult> tasks) {
        long slowest = 0;
        long load = 0;
        long compute = 0;
        for (TaskResult t : tasks) {
            slowest = Math.max(slowest, t.loadNanos() + t.computeNanos());
            load = Math.max(load, t.loadNanos());
            compute = Math.max(compute, t.computeNanos());
        }
        steps.add(new Split(broadcastNanos / 1e9, load / 1e9, compute / 1e9, Math.max(0, jobNanos - slowest) / 1e9,
                sumNanos / 1e9));
    }

    /** Every step so far, in order. */
    List<Split> steps() {
        return List.copyOf(steps);
    }

    /** One line of means per step, or empty when no step was taken. */
    String summary() {
        if (steps.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%d steps, per step %.1f ms: computing %.1f (the slowest task), weights "
                + "broadcast %.1f and loaded %.1f, scheduling and collecting %.1f, gradient sum %.1f", steps.size(),
                mean(Split::total), mean(Split::compute), mean(Split::broadcast), mean(Split::load), mean(Split::rest),
                mean(Split::sum));
    }

    private double mean(java.util.function.ToDoubleFunction<Split> part) {
        return steps.stream().mapToDouble(part).sum() / steps.size() * 1e3;
    }
}

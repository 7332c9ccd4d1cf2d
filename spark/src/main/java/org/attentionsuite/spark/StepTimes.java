package org.attentionsuite.spark;

import java.util.List;
import java.util.Locale;

/**
 * Where the training steps of a Spark run spent their time, per step on average: the driver
 * broadcasting the weights, the slowest task loading them and computing its block, the rest of the
 * job (scheduling the tasks, sending them, collecting their gradients), and the driver's gradient sum.
 */
final class StepTimes {
    private long steps;
    private long broadcast;
    private long load;
    private long compute;
    private long rest;
    private long sum;

    /** One step: the driver's times and the tasks' own. */
    void add(long broadcastNanos, long jobNanos, long sumNanos, List<TaskResult> tasks) {
        long slowest = 0;
        long slowestLoad = 0;
        long slowestCompute = 0;
        for (TaskResult t : tasks) {
            slowest = Math.max(slowest, t.loadNanos() + t.computeNanos());
            slowestLoad = Math.max(slowestLoad, t.loadNanos());
            slowestCompute = Math.max(slowestCompute, t.computeNanos());
        }
        steps++;
        broadcast += broadcastNanos;
        load += slowestLoad;
        compute += slowestCompute;
        rest += Math.max(0, jobNanos - slowest);
        sum += sumNanos;
    }

    /** One line, or empty when no step was taken. */
    String summary() {
        if (steps == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%d steps, per step %.1f ms: computing %.1f (the slowest task), weights "
                + "broadcast %.1f and loaded %.1f, scheduling and collecting %.1f, gradient sum %.1f", steps,
                ms(broadcast + load + compute + rest + sum), ms(compute), ms(broadcast), ms(load), ms(rest), ms(sum));
    }

    private double ms(long nanos) {
        return nanos / 1e6 / steps;
    }
}

package org.attentionsuite.app.studio;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One piece of work for a model (sampling, completion, generation) and the events its client
 * reads: {@code queued} (with its place in the model's queue), {@code started}, {@code progress},
 * then one of {@code done}, {@code error} or {@code cancelled}, which is the last.
 */
final class Job {
    /** Where a job is. */
    enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED;

        boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * One event for the client.
     *
     * @param name what happened
     * @param data its JSON payload
     */
    record Event(String name, Object data) {
        /** Whether it ends the job's stream. */
        boolean last() {
            return name.equals("done") || name.equals("error") || name.equals("cancelled");
        }
    }

    private final long id;
    private final String model;
    private final String kind;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile State state = State.QUEUED;
    private volatile boolean cancelRequested;

    Job(long id, String model, String kind) {
        this.id = id;
        this.model = model;
        this.kind = kind;
    }

    long id() {
        return id;
    }

    String model() {
        return model;
    }

    String kind() {
        return kind;
    }

    State state() {
        return state;
    }

    /** Asks the job to stop: a queued job never starts, a running one stops at its next step. */
    void requestCancel() {
        cancelRequested = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    /** Throws {@link CancellationException} once a cancel was asked for: called by the work at each step. */
    void checkCancelled() {
        if (cancelRequested) {
            throw new CancellationException("job " + id + " cancelled");
        }
    }

    /** Tells the client something. */
    void post(String name, Object data) {
        events.add(new Event(name, data));
    }

    /** Moves to {@code next}; a finished job stays as it is (returns false). */
    synchronized boolean moveTo(State next) {
        if (state.finished()) {
            return false;
        }
        state = next;
        return true;
    }

    /** Finishes the job with its last event, unless it is finished already. */
    synchronized void finish(State end, String name, Object data) {
        if (moveTo(end)) {
            post(name, data);
        }
    }

    /** The next event, or {@code null} after {@code millis} without one. */
    Event next(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}

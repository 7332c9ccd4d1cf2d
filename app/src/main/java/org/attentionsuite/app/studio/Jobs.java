package org.attentionsuite.app.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.attentionsuite.core.UserError;

/**
 * The studio's queue: each model has one lane, where its jobs run one at a time in order of
 * arrival (a model's weights and decoding buffers serve one job at a time, and two jobs on two
 * cores would each run at half speed anyway); lanes of different models run side by side. A
 * lane holds at most {@value #MAX_WAITING} waiting jobs, and every waiting job is told its place
 * whenever it changes.
 */
final class Jobs implements AutoCloseable {
    /** Waiting jobs a lane accepts; more are refused with 429. */
    static final int MAX_WAITING = 16;

    /** The work of a job: returns the payload of its {@code done} event. */
    @FunctionalInterface
    interface Work {
        Object run(Job job) throws IOException;
    }

    /** One model's jobs. */
    private static final class Lane {
        final ExecutorService worker;
        final List<Job> waiting = new ArrayList<>();
        Job running;

        Lane(String model) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "studio " + model);
                t.setDaemon(true);
                return t;
            });
        }
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<Long, Job> live = new ConcurrentHashMap<>();
    private final AtomicLong ids;

    /** @param firstId the id of the first job (so that job folders of earlier sessions are not reused) */
    Jobs(long firstId) {
        this.ids = new AtomicLong(firstId);
    }

    /** A new job id, for the job's folder and command line before it is submitted. */
    long nextId() {
        return ids.getAndIncrement();
    }

    /**
     * Queues {@code work} as job {@code id} on {@code model}'s lane.
     *
     * @throws Http.Refusal 429 when the lane is full
     */
    Job submit(long id, String model, String kind, Work work) {
        Lane lane = lanes.computeIfAbsent(model, Lane::new);
        Job job;
        synchronized (lane) {
            if (lane.waiting.size() >= MAX_WAITING) {
                throw new Http.Refusal(429, model + " has " + MAX_WAITING + " jobs waiting already; try again later");
            }
            job = new Job(id, model, kind);
            lane.waiting.add(job);
            live.put(job.id(), job);
            job.post("queued", place(lane, job));
        }
        lane.worker.execute(() -> run(lane, job, work));
        return job;
    }

    /**
     * Runs {@code work} on {@code model}'s lane after the jobs ahead of it and returns its result.
     *
     * @throws Http.Refusal 400 with the job's error, or 409 when it was cancelled
     */
    Object call(String model, String kind, Work work) throws InterruptedException {
        Job job = submit(nextId(), model, kind, work);
        while (true) {
            Job.Event e = job.next(1000);
            if (e != null && e.last()) {
                return switch (e.name()) {
                    case "done" -> e.data();
                    case "error" -> throw new Http.Refusal(400, (String) ((Map<?, ?>) e.data()).get("error"));
                    default -> throw new Http.Refusal(409, "cancelled");
                };
            }
        }
    }

    /** Stops job {@code id}: a waiting job leaves the queue at once, a running one at its next step. */
    boolean cancel(long id) {
        Job job = live.get(id);
        if (job == null) {
            return false;
        }
        job.requestCancel();
        Lane lane = lanes.get(job.model());
        synchronized (lane) {
            if (lane.waiting.remove(job)) {
                job.finish(Job.State.CANCELLED, "cancelled", Map.of("id", id));
                live.remove(id);
                announce(lane);
            }
        }
        return true;
    }

    /** The jobs running or waiting, lane by lane, for the page's queue view. */
    List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        lanes.forEach((model, lane) -> {
            synchronized (lane) {
                if (lane.running != null) {
                    out.add(view(lane.running, 0));
                }
                for (int i = 0; i < lane.waiting.size(); i++) {
                    out.add(view(lane.waiting.get(i), i + 1));
                }
            }
        });
        out.sort((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id")));
        return out;
    }

    Optional<Job> find(long id) {
        return Optional.ofNullable(live.get(id));
    }

    private void run(Lane lane, Job job, Work work) {
        synchronized (lane) {
            if (!lane.waiting.remove(job)) {
                return;                                                  // cancelled while waiting
            }
            lane.running = job;
            announce(lane);
        }
        Job.State end;
        String event;
        Object data;
        try {
            job.checkCancelled();
            job.moveTo(Job.State.RUNNING);
            job.post("started", Map.of("id", job.id()));
            data = work.run(job);
            end = Job.State.DONE;
            event = "done";
        } catch (CancellationException e) {
            end = Job.State.CANCELLED;
            event = "cancelled";
            data = Map.of("id", job.id());
        } catch (UserError | IOException | UncheckedIOException | Http.Refusal e) {
            end = Job.State.FAILED;
            event = "error";
            data = Map.of("error", oneLine(e));
        } catch (RuntimeException | OutOfMemoryError e) {
            System.err.println("studio: job " + job.id() + " (" + job.kind() + " on " + job.model() + ") failed:");
            e.printStackTrace();
            end = Job.State.FAILED;
            event = "error";
            data = Map.of("error", "internal error: " + oneLine(e));
        }
        synchronized (lane) {                                            // gone from the queue before it says so
            lane.running = null;
        }
        live.remove(job.id());
        job.finish(end, event, data);
    }

    /** Tells every waiting job of {@code lane} its place. */
    private void announce(Lane lane) {
        for (Job waiting : lane.waiting) {
            waiting.post("queued", place(lane, waiting));
        }
    }

    private static Map<String, Object> place(Lane lane, Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("model", job.model());
        m.put("ahead", lane.waiting.indexOf(job) + (lane.running != null ? 1 : 0));
        return m;
    }

    private static Map<String, Object> view(Job job, int place) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("model", job.model());
        m.put("kind", job.kind());
        m.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("place", place);
        return m;
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').replace('\r', ' ');
    }

    /** Stops every lane: waiting jobs are dropped, running ones are asked to stop. */
    @Override
    public void close() {
        live.values().forEach(Job::requestCancel);
        lanes.values().forEach(l -> l.worker.shutdownNow());
    }
}

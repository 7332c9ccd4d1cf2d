package org.attentionsuite.app.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.attentionsuite.core.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue: one job per model at a time, places told, cancellation of waiting and running jobs. */
class JobsTest {
    private final Jobs jobs = new Jobs(1);

    @AfterEach
    void close() {
        jobs.close();
    }

    /** Events of {@code job} until its last one. */
    private static List<Job.Event> drain(Job job) throws InterruptedException {
        List<Job.Event> out = new ArrayList<>();
        while (out.isEmpty() || !out.get(out.size() - 1).last()) {
            Job.Event e = job.next(10_000);
            assertTrue(e != null, "job " + job.id() + " went silent after " + out);
            out.add(e);
        }
        return out;
    }

    private static List<String> names(List<Job.Event> events) {
        return events.stream().map(Job.Event::name).toList();
    }

    /** Work that says it started, then waits for {@code release} while checking for cancellation. */
    private static Jobs.Work blocking(CountDownLatch started, CountDownLatch release) {
        return job -> {
            started.countDown();
            try {
                while (!release.await(10, TimeUnit.MILLISECONDS)) {
                    job.checkCancelled();
                }
            } catch (InterruptedException e) {
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            return Map.of("ok", true);
        };
    }

    private Job submit(String model, Jobs.Work work) {
        return jobs.submit(jobs.nextId(), model, "test", work);
    }

    @Test
    void jobsOfOneModelWaitTheirTurnAndAreToldTheirPlace() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job first = submit("m", blocking(started, release));
        started.await();
        Job second = submit("m", job -> Map.of("second", true));
        Job third = submit("m", job -> Map.of("third", true));
        Job other = submit("other", job -> Map.of("other", true));
        assertEquals(List.of("queued", "started", "done"), names(drain(other)), "another model's lane runs at once");
        assertEquals(Map.of("id", second.id(), "model", "m", "ahead", 1), second.next(1000).data());
        assertEquals(Map.of("id", third.id(), "model", "m", "ahead", 2), third.next(1000).data());
        assertEquals(List.of(0L, 1L, 2L), jobs.snapshot().stream().filter(j -> j.get("model").equals("m"))
                .map(j -> ((Integer) j.get("place")).longValue()).toList());
        release.countDown();
        assertEquals(List.of("queued", "started", "done"), names(drain(first)));
        assertEquals(List.of("started", "done"), names(drain(second)));
        List<Job.Event> t = drain(third);
        assertEquals(List.of("queued", "started", "done"), names(t), "told its new place when the second started");
        assertEquals(1, ((Map<?, ?>) t.get(0).data()).get("ahead"));
        assertEquals(Map.of("third", true), t.get(2).data());
    }

    @Test
    void cancelRemovesAWaitingJobAndStopsARunningOne() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Job running = submit("m", blocking(started, new CountDownLatch(1)));
        started.await();
        boolean[] ran = {false};
        Job waiting = submit("m", job -> {
            ran[0] = true;
            return Map.of();
        });
        assertTrue(jobs.cancel(waiting.id()));
        assertEquals(List.of("queued", "cancelled"), names(drain(waiting)));
        assertTrue(jobs.cancel(running.id()));
        assertEquals(List.of("queued", "started", "cancelled"), names(drain(running)));
        assertFalse(ran[0], "a cancelled waiting job never runs");
        assertFalse(jobs.cancel(running.id()), "a finished job is gone");
        assertEquals(List.of(), jobs.snapshot());
    }

    @Test
    void aFullLaneRefusesMoreJobs() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        submit("m", blocking(started, release));
        started.await();
        for (int i = 0; i < Jobs.MAX_WAITING; i++) {
            submit("m", job -> Map.of());
        }
        Http.Refusal r = assertThrows(Http.Refusal.class, () -> submit("m", job -> Map.of()));
        assertEquals(429, r.status);
        release.countDown();
    }

    @Test
    void aFailingJobReportsItsMessageAndTheLaneGoesOn() throws InterruptedException {
        Job bad = submit("m", job -> {
            throw new UserError("--count (0) must be in 1..1024");
        });
        List<Job.Event> events = drain(bad);
        assertEquals("error", events.get(events.size() - 1).name());
        assertEquals(Map.of("error", "--count (0) must be in 1..1024"), events.get(events.size() - 1).data());
        assertEquals(List.of("queued", "started", "done"), names(drain(submit("m", job -> Map.of()))));
    }
}

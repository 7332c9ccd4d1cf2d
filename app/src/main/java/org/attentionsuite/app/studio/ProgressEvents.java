package org.attentionsuite.app.studio;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attentionsuite.core.sample.Generator;

/**
 * Sampling listeners that tell a job's client how far it got, at most every {@value #INTERVAL_MS}
 * ms and once at the end, and stop the sampling at its next step once the job is cancelled. The
 * chunks of a batch advance side by side, so each sequence has its own fill; {@code filled} in an
 * event is their mean.
 */
final class ProgressEvents {
    /** Least time between two progress events. */
    static final long INTERVAL_MS = 100;

    private ProgressEvents() {
    }

    /** What a listener adds to a progress event, from each sequence's tokens since the last event. */
    @FunctionalInterface
    private interface Detail {
        void add(Map<String, Object> event, int[] sent, int[] filled, int[][] sequences);
    }

    /**
     * A listener of images being drawn: each event carries, per image, the intensities drawn since
     * the last event ({@code tokens[s]}) and the index of the first of them ({@code from[s]}).
     */
    static Generator.Progress images(Job job, int length) {
        // sequences are [START] + intensities in the model's order: intensity i is at position i + 1
        return listener(job, length + 1, (event, sent, filled, sequences) -> {
            int[] from = new int[sequences.length];
            int[][] tokens = new int[sequences.length][];
            for (int s = 0; s < sequences.length; s++) {
                from[s] = Math.max(0, sent[s] - 1);
                tokens[s] = Arrays.copyOfRange(sequences[s], from[s] + 1, Math.max(from[s] + 1, filled[s]));
            }
            event.put("from", from);
            event.put("tokens", tokens);
        });
    }

    /** A listener of one token sequence being generated: each event carries the count. */
    static Generator.Progress tokens(Job job, int total) {
        return listener(job, total, (event, sent, filled, sequences) -> { });
    }

    private static Generator.Progress listener(Job job, int total, Detail detail) {
        return new Generator.Progress() {
            private long last;
            private int[] sent;

            @Override
            public void advanced(int[] filled, int[][] sequences) {
                job.checkCancelled();
                if (sent == null) {
                    sent = new int[filled.length];
                }
                long sum = 0;
                int least = Integer.MAX_VALUE;
                for (int f : filled) {
                    sum += f;
                    least = Math.min(least, f);
                }
                long now = System.nanoTime();
                if (least < total && now - last < INTERVAL_MS * 1_000_000) {
                    return;
                }
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("filled", (int) (sum / filled.length));
                event.put("total", total);
                detail.add(event, sent, filled, sequences);
                job.post("progress", event);
                sent = filled.clone();
                last = now;
            }
        };
    }
}

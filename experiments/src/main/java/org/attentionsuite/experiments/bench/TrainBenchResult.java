package org.attentionsuite.experiments.bench;

/**
 * One training-throughput measurement, with the reference script's field names.
 *
 * @param engine      engine label
 * @param config      benchmark shape id
 * @param attention   attention variant label
 * @param threads     workers (threads) computing the step
 * @param params      parameter count
 * @param median_s    median seconds per step
 * @param min_s       fastest step
 * @param tokens_per_s tokens per second at the median
 * @param peak_rss_mb peak resident set of the process, MiB
 */
@SuppressWarnings("checkstyle:RecordComponentName") // names match torch_reference.py's JSON
public record TrainBenchResult(String engine, String config, String attention, int threads, long params,
        double median_s, double min_s, long tokens_per_s, long peak_rss_mb) {
}

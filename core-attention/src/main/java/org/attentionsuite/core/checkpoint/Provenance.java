package org.attentionsuite.core.checkpoint;

/**
 * Where a checkpoint came from, enough to re-train it.
 *
 * @param seed            training seed
 * @param dataFingerprint fingerprint of the training data
 * @param version         suite version that wrote it
 * @param createdAt       ISO-8601 time of writing
 * @param command         the command line or driver that trained it (free text)
 */
public record Provenance(long seed, String dataFingerprint, String version, String createdAt, String command) {
}

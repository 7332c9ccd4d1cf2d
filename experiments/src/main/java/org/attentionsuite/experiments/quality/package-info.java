/**
 * The comparisons of the two papers at convergence: every arm (an attention variant of a domain
 * catalogue) is trained by the same builders as {@code image train} and {@code music train}
 * ({@link org.attentionsuite.experiments.quality.Comparison}), with early stopping, for several
 * seeds, then scored on the test split; {@link org.attentionsuite.experiments.quality.ComparisonRunner}
 * returns a {@link org.attentionsuite.experiments.quality.ComparisonResult} with mean and standard
 * deviation per arm, which {@link org.attentionsuite.experiments.quality.ComparisonWriter} writes.
 */
package org.attentionsuite.experiments.quality;

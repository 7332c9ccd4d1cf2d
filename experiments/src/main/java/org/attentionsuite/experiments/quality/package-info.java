/**
 * The quality comparison: the same small model trained with each attention arm on the same data,
 * steps and seed; validation loss against wall time. A {@link
 * org.attentionsuite.experiments.quality.QualityTask} names the data, the base model and the arms;
 * {@link org.attentionsuite.experiments.quality.QualityTasks} builds the two of the papers (Fashion-MNIST
 * images, JSB chorales); {@link org.attentionsuite.experiments.quality.QualityComparison#run} returns a
 * {@link org.attentionsuite.experiments.quality.QualityResult}.
 */
package org.attentionsuite.experiments.quality;

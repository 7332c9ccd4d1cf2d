/**
 * The cost sweep: time and memory of each attention variant as the sequence grows, measured on
 * the variant alone ({@code forward}/{@code backward} of the {@link
 * org.attentionsuite.core.attention.Attention} interface), beside analytic FLOP and byte counts, with
 * log-log slopes per variant. {@link org.attentionsuite.experiments.sweep.CostSweep#run} returns a
 * {@link org.attentionsuite.experiments.sweep.SweepResult}; {@link
 * org.attentionsuite.experiments.sweep.SweepWriter} writes its Markdown, CSV and charts.
 */
package org.attentionsuite.experiments.sweep;

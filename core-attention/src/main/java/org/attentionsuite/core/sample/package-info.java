/**
 * Sampling from a trained model: {@link org.attentionsuite.core.sample.SamplingConfig} (temperature,
 * top-k, top-p, seed), composable {@link org.attentionsuite.core.sample.TokenSampler}s, and
 * {@link org.attentionsuite.core.sample.Generator} for incremental decoding with the key/value cache.
 */
package org.attentionsuite.core.sample;

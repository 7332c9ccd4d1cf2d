/**
 * Fuzzing of the image decoders: {@link org.attentionsuite.image.fuzz.ImageSeedCorpus} writes
 * small files of every format {@code --data} reads and hostile headers,
 * {@link org.attentionsuite.image.fuzz.ImageFuzzTarget} reads an input as training does and states
 * the invariant (images, or one {@code UserError} line naming the file, within time and memory).
 * The engine is {@link org.attentionsuite.core.fuzz.Fuzzer}.
 */
package org.attentionsuite.image.fuzz;

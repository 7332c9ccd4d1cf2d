/**
 * Training the Image Transformer: where images come from ({@link org.attentionsuite.image.train.ImageSource}),
 * the teacher-forcing {@link org.attentionsuite.image.train.ImageData} source, and
 * {@link org.attentionsuite.image.train.ImageTraining#train}, which runs the
 * {@link org.attentionsuite.image.train.ImageTrainingOptions} (whose defaults are those of
 * {@code image train}) as a training session and returns its result with validation bits/dim.
 */
package org.attentionsuite.image.train;

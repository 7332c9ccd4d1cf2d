/**
 * Training the Image Transformer: where images come from ({@link org.attentionsuite.image.train.ImageSource}),
 * fitting them to a size and channel count ({@link org.attentionsuite.image.train.ImageSets}), the
 * teacher-forcing {@link org.attentionsuite.image.train.ImageData} source, and
 * {@link org.attentionsuite.image.train.ImageTraining#train}, a function from
 * {@link org.attentionsuite.image.train.ImageTrainingOptions} to an
 * {@link org.attentionsuite.image.train.ImageTrainingResult} with validation bits/dim.
 */
package org.attentionsuite.image.train;

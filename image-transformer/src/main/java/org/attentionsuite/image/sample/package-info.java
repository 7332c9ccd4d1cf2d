/**
 * Generating images from a checkpoint alone: {@link org.attentionsuite.image.sample.TrainedImageModel}
 * rebuilds the model and its sequence order, {@link org.attentionsuite.image.sample.ImageSampler}
 * draws new images, and {@link org.attentionsuite.image.sample.ImageCompletion} completes the bottom
 * half of real images (Parmar et al. 2018, §5, Fig. 1 and Table 3 settings).
 */
package org.attentionsuite.image.sample;

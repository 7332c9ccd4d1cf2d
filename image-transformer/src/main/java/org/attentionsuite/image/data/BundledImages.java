package org.attentionsuite.image.data;

import java.io.IOException;
import java.io.InputStream;
import org.attentionsuite.image.ImageDataException;

/**
 * Small real data sets shipped inside the jar, so that examples and tests run without downloads.
 *
 * <p>{@link #fashionMnist2k()}: the first 2,000 images and labels of the Fashion-MNIST test set
 * ({@code t10k}), 28x28 gray, labels 0..9 ({@link ClassNames#FASHION_MNIST}). Fashion-MNIST is
 * Copyright (c) 2017 Zalando SE, MIT licence; the licence text is in
 * {@code LICENSE-fashion-mnist.txt} beside the data under {@value #FASHION_MNIST_2K}.
 */
public final class BundledImages {

    /** Classpath folder of the bundled Fashion-MNIST subset. */
    public static final String FASHION_MNIST_2K = "/org/attentionsuite/image/bundled/fashion-mnist-2k/";
    /** Images resource name (gzipped IDX). */
    public static final String FASHION_MNIST_2K_IMAGES = FASHION_MNIST_2K + "t10k-images-idx3-ubyte.gz";
    /** Labels resource name (gzipped IDX). */
    public static final String FASHION_MNIST_2K_LABELS = FASHION_MNIST_2K + "t10k-labels-idx1-ubyte.gz";
    /** Number of images in the bundled subset. */
    public static final int FASHION_MNIST_2K_COUNT = 2000;

    /** Loaded on first use; guarded by the class lock. */
    private static ImageSet fashionMnist2k;

    private BundledImages() {
    }

    /**
     * @return the first 2,000 Fashion-MNIST test images with labels: (2000, 28, 28, 1). The set is
     *         read once and then shared (it is immutable).
     */
    public static synchronized ImageSet fashionMnist2k() {
        if (fashionMnist2k == null) {
            fashionMnist2k = load();
        }
        return fashionMnist2k;
    }

    private static ImageSet load() {
        ImageSet images;
        int[] labels;
        try (InputStream in = resource(FASHION_MNIST_2K_IMAGES)) {
            images = IdxReader.readImages(in, "classpath:" + FASHION_MNIST_2K_IMAGES);
        } catch (IOException e) {
            throw DataFiles.readFailure("classpath:" + FASHION_MNIST_2K_IMAGES, e);
        }
        try (InputStream in = resource(FASHION_MNIST_2K_LABELS)) {
            labels = IdxReader.readLabels(in, "classpath:" + FASHION_MNIST_2K_LABELS);
        } catch (IOException e) {
            throw DataFiles.readFailure("classpath:" + FASHION_MNIST_2K_LABELS, e);
        }
        return IdxReader.attachLabels(images, "classpath:" + FASHION_MNIST_2K_IMAGES,
                labels, "classpath:" + FASHION_MNIST_2K_LABELS);
    }

    private static InputStream resource(String name) {
        InputStream in = BundledImages.class.getResourceAsStream(name);
        if (in == null) {
            throw new ImageDataException("classpath:" + name + ": bundled resource not found");
        }
        return in;
    }
}

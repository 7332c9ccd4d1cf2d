package org.attentionsuite.image.data;

import java.util.Arrays;
import org.attentionsuite.core.UserError;
import org.attentionsuite.image.data.ColorMode;
import org.attentionsuite.image.data.ImageSet;

/**
 * Fits an {@link ImageSet} to the geometry a model was built for: channel conversion (gray is
 * repeated into R, G, B; RGB becomes BT.601 luma, {@link ColorMode#luma}) and area resampling.
 * Labels are kept.
 */
public final class ImageSets {
    private ImageSets() {
    }

    /** The images as {@code height x width x channels}; the same set when it already fits. */
    public static ImageSet fit(ImageSet set, int height, int width, int channels) {
        return resize(withChannels(set, channels), height, width);
    }

    /** Gray to RGB (three equal channels) or RGB to gray (luma); the same set when {@code C} already matches. */
    public static ImageSet withChannels(ImageSet set, int channels) {
        if (channels != 1 && channels != 3) {
            throw new UserError("channels must be 1 (gray) or 3 (RGB), got " + channels);
        }
        if (set.channels() == channels) {
            return set;
        }
        int pixels = set.count() * set.height() * set.width();
        byte[] out = new byte[ImageSet.checkBytes("the images in " + channels + " channels", set.count(), set.height(),
                set.width(), channels)];
        byte[] src = set.pixels();
        for (int p = 0; p < pixels; p++) {
            if (channels == 3) {
                out[3 * p] = src[p];
                out[3 * p + 1] = src[p];
                out[3 * p + 2] = src[p];
            } else {
                out[p] = (byte) ColorMode.luma(src[3 * p] & 0xFF, src[3 * p + 1] & 0xFF, src[3 * p + 2] & 0xFF);
            }
        }
        return new ImageSet(set.height(), set.width(), channels, out, set.labels());
    }

    /**
     * Area (box-filter) resampling to {@code height x width}: output pixel {@code (y, x)} is the mean
     * of the source over the rectangle {@code [y·H/h, (y+1)·H/h) x [x·W/w, (x+1)·W/w)}, partial
     * pixels weighted by their overlap, rounded to the nearest intensity. Halving 28 → 14 averages
     * exact 2x2 blocks; enlarging repeats or blends neighbouring pixels.
     */
    public static ImageSet resize(ImageSet set, int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new UserError("image size must be positive, got " + height + "x" + width);
        }
        if (set.height() == height && set.width() == width) {
            return set;
        }
        double[][] wy = weights(set.height(), height);   // (h, H) overlap of output row y with source row
        double[][] wx = weights(set.width(), width);     // (w, W)
        int c = set.channels();
        int srcLength = set.imageLength();
        int outLength = height * width * c;
        byte[] out = new byte[ImageSet.checkBytes("the images resized to " + height + "x" + width, set.count(), height,
                width, c)];
        byte[] src = set.pixels();
        double[] rowMix = new double[set.width() * c];   // one output row blended over source rows
        for (int n = 0; n < set.count(); n++) {
            for (int y = 0; y < height; y++) {
                Arrays.fill(rowMix, 0);
                for (int sy = 0; sy < set.height(); sy++) {
                    double a = wy[y][sy];
                    if (a == 0) {
                        continue;
                    }
                    int base = n * srcLength + sy * set.width() * c;
                    for (int i = 0; i < rowMix.length; i++) {
                        rowMix[i] += a * (src[base + i] & 0xFF);
                    }
                }
                for (int x = 0; x < width; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = 0;
                        for (int sx = 0; sx < set.width(); sx++) {
                            v += wx[x][sx] * rowMix[sx * c + ch];
                        }
                        out[n * outLength + (y * width + x) * c + ch] = (byte) Math.max(0,
                                Math.min(255, Math.round(v)));
                    }
                }
            }
        }
        return new ImageSet(height, width, c, out, set.labels());
    }

    /** {@code w[o][s]}: share of source cell {@code s} in output cell {@code o}; each row sums to 1. */
    private static double[][] weights(int source, int target) {
        double[][] w = new double[target][source];
        double scale = (double) source / target;         // source cells per output cell
        for (int o = 0; o < target; o++) {
            double lo = o * scale;
            double hi = (o + 1) * scale;
            for (int s = (int) Math.floor(lo); s < Math.min(source, (int) Math.ceil(hi)); s++) {
                double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                if (overlap > 0) {
                    w[o][s] = overlap / scale;
                }
            }
        }
        return w;
    }
}

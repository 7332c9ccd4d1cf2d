package org.attentionsuite.image;

import org.attentionsuite.core.UserError;

/**
 * Converts negative log-likelihoods to bits per dimension, the metric of the Image Transformer
 * paper (Parmar et al. 2018, Table 1 and 2).
 *
 * <p>A "dimension" is one intensity of one channel of one pixel, i.e. one position of the
 * H*W*C sequence. A model that is uniform over the 256 intensities scores exactly 8 bits/dim.
 */
public final class BitsPerDim {

    /** ln 2: the number of nats in one bit. */
    public static final double LN_2 = Math.log(2.0);

    private BitsPerDim() {
    }

    /**
     * Converts a mean negative log-likelihood per intensity, in nats, to bits/dim.
     *
     * @param meanNatsPerDim mean NLL per intensity in nats (natural logarithm), finite and {@code >= 0}
     * @return the same quantity in bits: {@code meanNatsPerDim / ln 2}
     */
    public static double fromNats(double meanNatsPerDim) {
        requireNll(meanNatsPerDim, "mean NLL per dimension");
        return meanNatsPerDim / LN_2;
    }

    /**
     * Converts a total negative log-likelihood over {@code dims} intensities, in nats, to bits/dim.
     *
     * @param totalNats total NLL in nats, finite and {@code >= 0}
     * @param dims      number of intensities it was summed over (images * H * W * C), {@code > 0}
     * @return {@code totalNats / dims / ln 2}
     */
    public static double fromTotalNats(double totalNats, long dims) {
        requireNll(totalNats, "total NLL");
        if (dims <= 0) {
            throw new UserError("number of dimensions must be positive, got " + dims);
        }
        return totalNats / dims / LN_2;
    }

    /**
     * Converts bits/dim back to nats per intensity.
     *
     * @param bitsPerDim bits per dimension, finite and {@code >= 0}
     * @return {@code bitsPerDim * ln 2}
     */
    public static double toNats(double bitsPerDim) {
        requireNll(bitsPerDim, "bits per dimension");
        return bitsPerDim * LN_2;
    }

    private static void requireNll(double value, String what) {
        if (!Double.isFinite(value) || value < 0) {
            throw new UserError(what + " must be finite and >= 0, got " + value);
        }
    }
}

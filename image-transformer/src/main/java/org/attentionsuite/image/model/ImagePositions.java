package org.attentionsuite.image.model;

import org.attentionsuite.core.UserError;
import org.attentionsuite.core.model.PositionSpec;
import org.attentionsuite.core.nn.Init;
import org.attentionsuite.core.nn.Param;
import org.attentionsuite.core.nn.Params;
import org.attentionsuite.core.nn.PositionEncoding;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.core.tensor.Precision;
import org.attentionsuite.core.tensor.Storage;

/**
 * Learned 2D-plus-channel positions of the Image Transformer (Parmar et al. 2018, §3.1 "Image
 * Transformer": the embedding of a position encodes its row, column and channel). Sequence
 * position {@code j} gets {@code R[row(j)] + K[column(j)] + E[channel(j)]}, where {@code row},
 * {@code column} and {@code channel} locate the intensity stored at {@code j} in the
 * {@link #order() sequence order} (raster, or block-raster for local 2D attention).
 *
 * <p>Tables: {@code R (H, D)}, {@code K (W, D)}, {@code E (C, D)}, each {@link Init#normal
 * N(0, 0.02²)}, registered as {@code position.row}, {@code position.column},
 * {@code position.channel}. The spec is part of the model config, so a checkpoint alone tells the
 * image geometry and order.
 *
 * @param height      H pixels
 * @param width       W pixels
 * @param channels    C intensities per pixel (1 or 3)
 * @param queryHeight query block height of block-raster order, or 0 for raster order
 * @param queryWidth  query block width of block-raster order, or 0 for raster order
 */
public record ImagePositions(int height, int width, int channels, int queryHeight, int queryWidth)
        implements PositionSpec {

    /** Initial standard deviation of the three tables. */
    public static final double INIT_STD = 0.02;

    /** Validates the geometry (see {@link ImageOrder}). */
    public ImagePositions {
        new ImageOrder(height, width, channels, queryHeight, queryWidth);
    }

    /** Positions for images sequenced in {@code order}. */
    public static ImagePositions of(ImageOrder order) {
        return new ImagePositions(order.height(), order.width(), order.channels(), order.queryHeight(),
                order.queryWidth());
    }

    /** The sequence order these positions describe. */
    public ImageOrder order() {
        return new ImageOrder(height, width, channels, queryHeight, queryWidth);
    }

    @Override
    public PositionEncoding create(Params params, Precision precision, int maxLength, int dModel) {
        int length = height * width * channels;
        if (maxLength != length) {
            throw new UserError("image positions need maxLength = H*W*C = " + height + "*" + width + "*"
                    + channels + " = " + length + ", got " + maxLength);
        }
        return new Encoding(order(), params, dModel);
    }

    @Override
    public String label() {
        return "image(" + order().label() + ")";
    }

    /** The runtime encoding: three tables and, per sequence position, the row, column and channel. */
    private static final class Encoding implements PositionEncoding {
        private final Param rows;     // (H, D)
        private final Param columns;  // (W, D)
        private final Param channels; // (C, D)
        private final int[] row;      // (L) row of sequence position j
        private final int[] column;   // (L)
        private final int[] channel;  // (L)

        Encoding(ImageOrder order, Params params, int dModel) {
            rows = params.add("position.row", order.height(), dModel, Init.normal(INIT_STD));
            columns = params.add("position.column", order.width(), dModel, Init.normal(INIT_STD));
            channels = params.add("position.channel", order.channels(), dModel, Init.normal(INIT_STD));
            int[] perm = order.permutation();
            int c = order.channels();
            int w = order.width();
            row = new int[perm.length];
            column = new int[perm.length];
            channel = new int[perm.length];
            for (int j = 0; j < perm.length; j++) {
                int raster = perm[j];                       // (r·W + c)·C + ch
                row[j] = raster / c / w;
                column[j] = raster / c % w;
                channel[j] = raster % c;
            }
        }

        /** {@code x[b·L + i] += R[row(start+i)] + K[column(start+i)] + E[channel(start+i)]}. */
        @Override
        public void addTo(Mat x, int batch, int length, int start) {
            checkRange(start, length);
            Mat r = rows.value();       // (H, D)
            Mat k = columns.value();    // (W, D)
            Mat e = channels.value();   // (C, D)
            Storage xs = x.s();
            int d = x.cols();
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < length; i++) {
                    int j = start + i;
                    int xo = x.index(b * length + i, 0);
                    int ro = r.index(row[j], 0);
                    int ko = k.index(column[j], 0);
                    int eo = e.index(channel[j], 0);
                    for (int t = 0; t < d; t++) {
                        xs.set(xo + t, xs.get(xo + t) + r.s().get(ro + t) + k.s().get(ko + t) + e.s().get(eo + t));
                    }
                }
            }
        }

        /** {@code dR[row(j)] += dx[b·L + i]}, and likewise for the column and channel tables. */
        @Override
        public void backward(Mat dx, int batch, int length, int start) {
            checkRange(start, length);
            Mat gr = rows.grad();       // (H, D)
            Mat gk = columns.grad();    // (W, D)
            Mat ge = channels.grad();   // (C, D)
            Storage ds = dx.s();
            int d = dx.cols();
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < length; i++) {
                    int j = start + i;
                    int xo = dx.index(b * length + i, 0);
                    int ro = gr.index(row[j], 0);
                    int ko = gk.index(column[j], 0);
                    int eo = ge.index(channel[j], 0);
                    for (int t = 0; t < d; t++) {
                        double g = ds.get(xo + t);
                        gr.s().add(ro + t, g);
                        gk.s().add(ko + t, g);
                        ge.s().add(eo + t, g);
                    }
                }
            }
        }

        private void checkRange(int start, int length) {
            if (start < 0 || start + length > row.length) {
                throw new UserError("positions " + start + ".." + (start + length - 1)
                        + " exceed the image sequence length " + row.length);
            }
        }
    }
}

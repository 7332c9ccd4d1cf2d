package org.attentionsuite.image.explain;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.attention.AttentionSpec;
import org.attentionsuite.core.io.Pictures;
import org.attentionsuite.core.model.AttentionMap;
import org.attentionsuite.image.attention.LocalAttention2d;
import org.attentionsuite.image.io.PngWriter;
import org.attentionsuite.image.model.ImageModels;
import org.attentionsuite.image.model.ImageOrder;
import org.attentionsuite.image.sample.TrainedImageModel;

/**
 * Where an Image Transformer looks when it draws one pixel (the pictures the Image Transformer
 * paper explains its local attention with): a grid with one row per layer and one column per head
 * plus their mean. Each tile is the image in dimmed gray with the attention weights as a red heat
 * map (the tile's largest weight fully red), the query pixel framed in cyan and, for local 2D
 * attention, its query block framed in green and the block's memory (the block and its flange) in
 * yellow.
 *
 * <p>Positions: the model reads {@code [START]} and the intensities in its order, so position
 * {@code p} predicts intensity {@code p} (in the model's order) from the positions {@code 0..p}.
 * The query of a pixel is the position that predicts it, and each pixel's cell shows the weight of
 * the position at that pixel (summed over its channels), which holds the intensity drawn just
 * before it (position 0 holds START). This keeps the heat map aligned with the query block and
 * memory outlines, which are drawn in positions.
 *
 * @param map      the weights of every layer and head for the query
 * @param order    the model's image geometry and sequence order
 * @param pixel    the query pixel's raster index (row·W + column)
 * @param attention the model's attention spec (local 2D gets its outlines)
 * @param raster   the image, intensities in raster order (row, column, channel)
 */
public record ImageAttentionPicture(AttentionMap map, ImageOrder order, int pixel, AttentionSpec attention,
        int[] raster) {
    private static final Color BLOCK = new Color(40, 200, 60);
    private static final Color MEMORY = new Color(250, 200, 0);
    private static final int GAP = 6;
    private static final int CAPTION = 14;

    /**
     * Runs {@code model} over {@code raster} and reads where the position that predicts intensity
     * {@code channel} of pixel {@code (row, column)} looks.
     *
     * @param imageClass the image's class for a class-conditional model (ignored otherwise)
     */
    public static ImageAttentionPicture of(TrainedImageModel model, int[] raster, int imageClass, int row, int column,
            int channel) {
        ImageOrder order = model.order();
        if (row < 0 || row >= order.height() || column < 0 || column >= order.width() || channel < 0
                || channel >= order.channels()) {
            throw new UserError("pixel " + row + "," + column + " channel " + channel + " is outside the "
                    + order.height() + "x" + order.width() + "x" + order.channels() + " image");
        }
        if (model.conditional() && (imageClass < 0 || imageClass >= model.classes())) {
            throw new UserError("this model is class-conditional: give the image's class (0.." + (model.classes() - 1)
                    + ")");
        }
        int[] sequence = order.toSequence(raster);                           // (L) in the model's order
        for (int i = 0; i < raster.length; i++) {
            if (raster[i] < 0 || raster[i] >= ImageModels.INTENSITIES) {
                int pixel = i / order.channels();
                throw new UserError("intensity " + raster[i] + " of pixel " + pixel / order.width() + ","
                        + pixel % order.width() + " channel " + i % order.channels() + " is outside 0.."
                        + (ImageModels.INTENSITIES - 1));
            }
        }
        int l = order.length();
        int[] inputs = new int[l];                                           // [START] + intensities 0..L-2
        inputs[0] = ImageModels.START;
        System.arraycopy(sequence, 0, inputs, 1, l - 1);
        int query = position(order, (row * order.width() + column) * order.channels() + channel);
        AttentionMap map = AttentionMap.of(model.model(), inputs, imageClass, query);
        return new ImageAttentionPicture(map, order, row * order.width() + column, model.model().config().attention(),
                raster.clone());
    }

    /** The sequence position of raster index {@code index}. */
    static int position(ImageOrder order, int index) {
        int[] permutation = order.permutation();
        for (int p = 0; p < permutation.length; p++) {
            if (permutation[p] == index) {
                return p;
            }
        }
        throw new IndexOutOfBoundsException("raster index " + index);
    }

    /**
     * The weight each pixel's cell gets in one head (or a mean): its positions' weights summed,
     * {@code (H·W)} in raster order.
     */
    public double[] cells(double[] weights) {
        int[] permutation = order.permutation();
        double[] cells = new double[order.height() * order.width()];
        for (int p = 0; p < weights.length; p++) {
            cells[permutation[p] / order.channels()] += weights[p];
        }
        return cells;
    }

    /** The grid: one row per layer, one column per head and a last one for their mean. */
    public BufferedImage render() {
        int scale = PngWriter.defaultScale(order.height(), order.width());
        int tileW = order.width() * scale;
        int tileH = order.height() * scale;
        int columns = map.heads() + 1;
        int width = GAP + columns * (tileW + GAP);
        int height = GAP + map.layers() * (CAPTION + tileH + GAP);
        BufferedImage out = Pictures.blank(width, height);
        Graphics2D g = Pictures.graphics(out);
        try {
            for (int layer = 0; layer < map.layers(); layer++) {
                for (int c = 0; c < columns; c++) {
                    boolean mean = c == map.heads();
                    double[] w = mean ? map.mean(layer) : map.weights()[layer][c];
                    int x = GAP + c * (tileW + GAP);
                    int y = GAP + layer * (CAPTION + tileH + GAP);
                    g.setColor(Pictures.TEXT);
                    g.drawString(String.format(Locale.ROOT, "layer %d %s", layer + 1, mean ? "mean" : "head " + (c + 1)),
                            x, y + CAPTION - 3);
                    tile(out, g, cells(w), x, y + CAPTION, scale);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void tile(BufferedImage out, Graphics2D g, double[] cells, int x0, int y0, int scale) {
        double max = 0;
        for (double v : cells) {
            max = Math.max(max, v);
        }
        int w = order.width();
        int c = order.channels();
        for (int r = 0; r < order.height(); r++) {
            for (int col = 0; col < w; col++) {
                int at = (r * w + col) * c;
                double gray = c == 1 ? raster[at] : 0.299 * raster[at] + 0.587 * raster[at + 1] + 0.114 * raster[at + 2];
                double base = 110 + gray * 0.5;                                 // dimmed, so red stands out
                double heat = max > 0 ? cells[r * w + col] / max : 0;
                int red = (int) Math.round(base + (255 - base) * heat);
                int other = (int) Math.round(base * (1 - heat));
                int rgb = red << 16 | other << 8 | other;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        out.setRGB(x0 + col * scale + dx, y0 + r * scale + dy, rgb);
                    }
                }
            }
        }
        g.setStroke(new BasicStroke(1f));
        if (attention instanceof LocalAttention2d.Spec s) {
            int block = map.query() / (s.queryHeight() * s.queryWidth() * c);
            int r0 = block / (w / s.queryWidth()) * s.queryHeight();
            int c0 = block % (w / s.queryWidth()) * s.queryWidth();
            int mr0 = Math.max(0, r0 - s.flangeHeight());
            int mc0 = Math.max(0, c0 - s.flangeWidth());
            int mc1 = Math.min(w, c0 + s.queryWidth() + s.flangeWidth());
            frame(g, MEMORY, x0, y0, scale, mr0, mc0, r0 + s.queryHeight() - mr0, mc1 - mc0);
            frame(g, BLOCK, x0, y0, scale, r0, c0, s.queryHeight(), s.queryWidth());
        }
        frame(g, Pictures.QUERY, x0, y0, scale, pixel / w, pixel % w, 1, 1);
    }

    private static void frame(Graphics2D g, Color colour, int x0, int y0, int scale, int row, int col, int rows,
            int cols) {
        g.setColor(colour);
        g.drawRect(x0 + col * scale, y0 + row * scale, cols * scale - 1, rows * scale - 1);
    }
}

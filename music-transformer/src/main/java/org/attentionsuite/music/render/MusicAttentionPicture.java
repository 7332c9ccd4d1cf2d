package org.attentionsuite.music.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.Pictures;
import org.attentionsuite.core.model.AttentionMap;
import org.attentionsuite.core.model.DecoderModel;
import org.attentionsuite.music.chorale.ChoraleEncoding;
import org.attentionsuite.music.model.MusicEncoding;
import org.attentionsuite.music.performance.PerformanceVocabulary;

/**
 * Where a Music Transformer looks from one token (the Music Transformer paper explains relative
 * attention with such pictures): the piece on top, every token a cell at its time and pitch
 * (chorales: one cell per voice and 16th note; performances: NOTE_ON and NOTE_OFF at their pitch,
 * TIME_SHIFT and VELOCITY in a strip below), then one roll per head of one layer and one for their
 * mean, each token's cell red by the weight the query gives it (the roll's largest weight fully
 * red), the query's cell framed in cyan. Beside each roll, the head's weight against relative
 * distance {@code query − key} (nearest on the left): relative attention learns such profiles.
 * {@link #cells} says where each token's cell is, so a page can tell which token was clicked.
 *
 * @param map      the weights of every layer and head for the query
 * @param encoding what the tokens mean
 * @param tokens   the sequence, at least {@code map.query() + 1} tokens
 * @param layer    the layer shown (0-based)
 */
public record MusicAttentionPicture(AttentionMap map, MusicEncoding encoding, int[] tokens, int layer) {
    private static final Color CELL = new Color(200, 200, 200);
    private static final Color BAR = new Color(200, 40, 30);
    private static final int PAD = 6;
    private static final int CAPTION = 14;
    private static final int PITCH = 3;
    private static final int STRIP = 8;
    private static final int CHART = 160;

    /** Where token {@code position}'s cell is in each roll: relative to the roll's top-left corner. */
    public record Cell(int position, int x, int y, int width, int height) {
    }

    /** Reads where token {@code query} of {@code tokens} looks in {@code model}, for layer {@code layer}. */
    public static MusicAttentionPicture of(DecoderModel model, MusicEncoding encoding, int[] tokens, int query,
            int layer) {
        if (tokens.length > model.config().maxLength()) {
            throw new UserError(tokens.length + " tokens are more than the model's window ("
                    + model.config().maxLength() + ")");
        }
        if (layer < 0 || layer >= model.config().layers()) {
            throw new UserError("layer " + (layer + 1) + " is outside 1.." + model.config().layers());
        }
        return new MusicAttentionPicture(AttentionMap.of(model, tokens, 0, query), encoding, tokens.clone(), layer);
    }

    /** The cells of the tokens {@code 0..query}, in one roll's coordinates. */
    public List<Cell> cells() {
        List<Cell> out = new ArrayList<>();
        int[] range = pitchRange();
        int plotHeight = (range[1] - range[0] + 1) * PITCH;
        double time = 0;
        for (int p = 0; p <= map.query(); p++) {
            int id = tokens[p];
            if (encoding == MusicEncoding.CHORALE) {
                int step = p / 4;
                if (id < ChoraleEncoding.REST) {
                    out.add(new Cell(p, step * 6, (range[1] - id) * PITCH, 6, PITCH));
                }
                continue;
            }
            int x = (int) Math.round(time * 60);
            switch (PerformanceVocabulary.type(id)) {
                case NOTE_ON, NOTE_OFF -> out.add(new Cell(p, x, (range[1] - PerformanceVocabulary.value(id)) * PITCH,
                        4, PITCH));
                case TIME_SHIFT -> {
                    out.add(new Cell(p, x, plotHeight, 3, STRIP));
                    time += PerformanceVocabulary.value(id) * PerformanceVocabulary.STEP_SECONDS;
                }
                default -> out.add(new Cell(p, x, plotHeight, 3, STRIP));
            }
        }
        return out;
    }

    /** Lowest and highest pitch of the cells, with a margin. */
    private int[] pitchRange() {
        int lo = 127;
        int hi = 0;
        for (int p = 0; p <= map.query(); p++) {
            int id = tokens[p];
            int pitch = encoding == MusicEncoding.CHORALE ? (id < ChoraleEncoding.REST ? id : -1)
                    : switch (PerformanceVocabulary.type(id)) {
                        case NOTE_ON, NOTE_OFF -> PerformanceVocabulary.value(id);
                        default -> -1;
                    };
            if (pitch >= 0) {
                lo = Math.min(lo, pitch);
                hi = Math.max(hi, pitch);
            }
        }
        return lo > hi ? new int[] {58, 62} : new int[] {Math.max(0, lo - 2), Math.min(127, hi + 2)};
    }

    /** Size of one roll (the plot and the event strip). */
    private int[] rollSize(List<Cell> cells) {
        int width = 40;
        for (Cell c : cells) {
            width = Math.max(width, c.x() + c.width());
        }
        int[] range = pitchRange();
        return new int[] {width, (range[1] - range[0] + 1) * PITCH + (encoding == MusicEncoding.CHORALE ? 0 : STRIP)};
    }

    /** Left edge of the rolls in the picture. */
    public static int rollLeft() {
        return PAD;
    }

    /** Top edge of the piece's roll (the clickable one) in the picture. */
    public static int rollTop() {
        return PAD + CAPTION;
    }

    /** The picture: the piece, then one roll per head of {@link #layer} and their mean, with distance profiles. */
    public BufferedImage render() {
        List<Cell> cells = cells();
        int[] size = rollSize(cells);
        int heads = map.heads();
        int rows = heads + 2;
        int width = PAD + size[0] + PAD + CHART + PAD;
        int rowHeight = CAPTION + size[1] + PAD;
        BufferedImage out = Pictures.blank(width, PAD + rows * rowHeight);
        Graphics2D g = Pictures.graphics(out);
        try {
            for (int row = 0; row < rows; row++) {
                int top = PAD + row * rowHeight;
                double[] w = row == 0 ? null : row <= heads ? map.weights()[layer][row - 1] : map.mean(layer);
                String caption = row == 0 ? String.format(Locale.ROOT, "%s %d of %d (click a cell)", encoding.unit(),
                        map.query() + 1, tokens.length)
                        : String.format(Locale.ROOT, "layer %d %s", layer + 1, row <= heads ? "head " + row : "mean");
                g.setColor(Pictures.TEXT);
                g.drawString(caption, PAD, top + CAPTION - 3);
                roll(g, cells, w, PAD, top + CAPTION, size);
                if (w != null) {
                    distances(g, w, PAD + size[0] + PAD, top + CAPTION, size[1]);
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void roll(Graphics2D g, List<Cell> cells, double[] w, int x0, int y0, int[] size) {
        g.setColor(new Color(248, 248, 248));
        g.fillRect(x0, y0, size[0], size[1]);
        double max = 0;
        if (w != null) {
            for (double v : w) {
                max = Math.max(max, v);
            }
        }
        for (Cell c : cells) {
            double heat = w == null || max == 0 ? 0 : w[c.position()] / max;
            int other = (int) Math.round(CELL.getGreen() * (1 - heat));
            int red = (int) Math.round(CELL.getRed() + (255 - CELL.getRed()) * heat);
            g.setColor(new Color(red, other, other));
            g.fillRect(x0 + c.x(), y0 + c.y(), c.width(), c.height());
        }
        for (Cell c : cells) {
            if (c.position() == map.query()) {
                g.setColor(Pictures.QUERY);
                g.drawRect(x0 + c.x() - 1, y0 + c.y() - 1, c.width() + 1, c.height() + 1);
            }
        }
    }

    /** Bars of weight against distance {@code query − key}, distance 0 on the left, up to {@link #CHART} keys. */
    private void distances(Graphics2D g, double[] w, int x0, int y0, int height) {
        g.setColor(new Color(240, 240, 240));
        g.fillRect(x0, y0, CHART, height);
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        g.setColor(BAR);
        int q = map.query();
        for (int d = 0; d <= q && d < CHART; d++) {
            int bar = max == 0 ? 0 : (int) Math.round(w[q - d] / max * (height - 2));
            g.fillRect(x0 + d, y0 + height - bar, 1, bar);
        }
        g.setColor(Pictures.TEXT);
        g.drawString("weight by distance", x0 + 2, y0 + 11);
    }
}

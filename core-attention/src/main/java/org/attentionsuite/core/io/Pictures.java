package org.attentionsuite.core.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * What the suite's drawn pictures share (attention pictures, piano rolls): a white canvas, the
 * font and colour of captions, and the colour that marks the query position.
 */
public final class Pictures {
    /** Captions and axis labels. */
    public static final Color TEXT = new Color(60, 60, 60);
    /** Font of captions and axis labels. */
    public static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** The query position of an attention picture (the studio's explorer marks it alike). */
    public static final Color QUERY = new Color(0, 200, 230);

    private Pictures() {
    }

    /** A white {@code width x height} RGB picture. */
    public static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Graphics on {@code image} that write antialiased text in {@link #FONT}; the caller disposes them. */
    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setFont(FONT);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }
}

package org.attentionsuite.music.render;

import org.attentionsuite.core.UserError;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * Draws a piano roll: time runs left to right, pitch bottom to top (the range of the notes plus
 * a two-semitone margin), each note a bar whose colour is its channel's (one colour per voice or
 * track) and whose shade is its velocity (soft notes are pale). Faint horizontal lines mark every
 * C and faint vertical lines every second.
 *
 * @param pixelsPerSecond horizontal scale, 1..1000
 * @param pixelsPerPitch height of one semitone, 1..32
 */
public record PianoRoll(int pixelsPerSecond, int pixelsPerPitch) {

    /** Widest image drawn, in pixels. */
    public static final int MAX_WIDTH = 30_000;
    /** Semitones of margin above and below the notes. */
    public static final int MARGIN_PITCHES = 2;

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color GRID = new Color(225, 225, 225);
    private static final Color[] VOICE_COLOURS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75),
        new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207), new Color(57, 59, 121), new Color(99, 121, 57),
        new Color(140, 109, 49), new Color(132, 60, 57), new Color(123, 65, 115),
        new Color(0, 0, 0)};

    /** Validates the scales. */
    public PianoRoll {
        if (pixelsPerSecond < 1 || pixelsPerSecond > 1000) {
            throw new UserError(
                    "pixelsPerSecond (" + pixelsPerSecond + ") must be in 1..1000");
        }
        if (pixelsPerPitch < 1 || pixelsPerPitch > 32) {
            throw new UserError(
                    "pixelsPerPitch (" + pixelsPerPitch + ") must be in 1..32");
        }
    }

    /** @return 50 pixels per second, 4 pixels per semitone */
    public static PianoRoll standard() {
        return new PianoRoll(50, 4);
    }

    /**
     * @param notes at least one note
     * @return the picture
     */
    public BufferedImage render(NoteSequence notes) {
        if (notes.isEmpty()) {
            throw new UserError("a piano roll needs at least one note");
        }
        int low = 127;
        int high = 0;
        for (Note note : notes.notes()) {
            low = Math.min(low, note.pitch());
            high = Math.max(high, note.pitch());
        }
        low = Math.max(0, low - MARGIN_PITCHES);
        high = Math.min(127, high + MARGIN_PITCHES);
        long width = (long) Math.ceil(notes.totalSeconds() * pixelsPerSecond) + 1;
        if (width > MAX_WIDTH) {
            throw new UserError(String.format(
                    "%.1f s at %d pixels per second would be %d pixels wide (max %d)",
                    notes.totalSeconds(), pixelsPerSecond, width, MAX_WIDTH));
        }
        int height = (high - low + 1) * pixelsPerPitch;
        BufferedImage image = new BufferedImage((int) width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, (int) width, height);
            g.setColor(GRID);
            for (int pitch = low; pitch <= high; pitch++) {
                if (pitch % 12 == 0) {
                    int y = (high - pitch) * pixelsPerPitch + pixelsPerPitch / 2;
                    g.drawLine(0, y, (int) width, y);
                }
            }
            for (int second = 1; second * pixelsPerSecond < width; second++) {
                g.drawLine(second * pixelsPerSecond, 0, second * pixelsPerSecond, height);
            }
            for (Note note : notes.notes()) {
                int x0 = (int) Math.floor(note.startSeconds() * pixelsPerSecond);
                int x1 = (int) Math.ceil(note.endSeconds() * pixelsPerSecond);
                int y = (high - note.pitch()) * pixelsPerPitch;
                g.setColor(shade(VOICE_COLOURS[note.channel()], note.velocity()));
                g.fillRect(x0, y, Math.max(1, x1 - x0), pixelsPerPitch);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Renders and writes the PNG atomically.
     *
     * @param notes at least one note
     * @param png the target file
     */
    public void write(NoteSequence notes, Path png) {
        BufferedImage image = render(notes);
        PngFiles.write(image, png);
    }

    /** Blends the voice colour with white: velocity 127 gives the full colour. */
    static Color shade(Color colour, int velocity) {
        double strength = 0.25 + 0.75 * velocity / 127.0;
        return new Color(blend(colour.getRed(), strength), blend(colour.getGreen(), strength),
                blend(colour.getBlue(), strength));
    }

    private static int blend(int channel, double strength) {
        return (int) Math.round(255 - (255 - channel) * strength);
    }
}

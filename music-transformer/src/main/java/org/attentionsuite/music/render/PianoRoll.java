package org.attentionsuite.music.render;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.Pictures;
import org.attentionsuite.core.io.PngFiles;
import org.attentionsuite.music.midi.GeneralMidi;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;

/**
 * Draws a piano roll that explains itself: time runs left to right, labelled in seconds below;
 * pitch runs bottom to top (the range of the notes plus a two-semitone margin), every C named on
 * the left (C4 = MIDI 60); each note is a bar whose colour is its channel's (one colour per voice
 * or track, named in the legend above) and whose shade is its velocity (soft notes are pale).
 * Faint horizontal lines mark every C and faint vertical lines every second. When the music
 * continues a primer, a black vertical line marks where the primer ends ({@link RollLabels}).
 * {@link #layout} tells where the plot lies inside the image.
 *
 * @param pixelsPerSecond horizontal scale, 1..1000
 * @param pixelsPerPitch height of one semitone, 1..32
 */
public record PianoRoll(int pixelsPerSecond, int pixelsPerPitch) {

    /** Widest image drawn, in pixels. */
    public static final int MAX_WIDTH = 30_000;
    /** Semitones of margin above and below the notes. */
    public static final int MARGIN_PITCHES = 2;

    /** Colour of the line where the primer ends. */
    public static final Color PRIMER_MARKER = Color.BLACK;
    /** Width in pixels of the line where the primer ends, from its time's column rightwards. */
    public static final int PRIMER_MARKER_WIDTH = 2;

    private static final Color GRID = new Color(225, 225, 225);
    private static final Color AXIS = new Color(150, 150, 150);
    private static final int PAD = 6;
    private static final int TICK = 4;
    private static final int SWATCH = 9;
    private static final int LEGEND_GAP = 14;
    private static final int MIN_LEGEND_WIDTH = 240;
    private static final int MIN_TICK_PIXELS = 40;
    private static final int[] TICK_STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
    private static final int DRUMS = 9;
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
     * The {@link #standard} roll, or for music too long for it (over 10 minutes) the same with as
     * many whole pixels per second as keep the plot within {@value #MAX_WIDTH} pixels (at least 1).
     *
     * @param notes the notes to draw
     * @param labels the primer end and voice names
     * @return a roll whose {@link #layout} of them fits, unless they last over 8 hours
     */
    public static PianoRoll fitting(NoteSequence notes, RollLabels labels) {
        PianoRoll standard = standard();
        double fit = Math.floor((MAX_WIDTH - 1) / seconds(notes, labels));
        return fit >= standard.pixelsPerSecond ? standard
                : new PianoRoll((int) Math.max(1, fit), standard.pixelsPerPitch);
    }

    /**
     * Renders the notes with axes and a legend of default voice names, without primer marker.
     *
     * @param notes at least one note
     * @return the picture
     */
    public BufferedImage render(NoteSequence notes) {
        return render(notes, RollLabels.none());
    }

    /**
     * Renders the notes, the pitch axis (every C named, C4 = MIDI 60), the time axis in seconds,
     * a legend with one entry per channel and, if {@code labels} has one, a vertical line where
     * the primer ends.
     *
     * @param notes at least one note
     * @param labels the primer end and voice names
     * @return the picture, {@link #layout} in size
     */
    public BufferedImage render(NoteSequence notes, RollLabels labels) {
        RollLayout layout = layout(notes, labels);
        BufferedImage image = Pictures.blank(layout.width(), layout.height());
        Graphics2D g = Pictures.graphics(image);
        try {
            drawGrid(g, layout);
            for (Note note : notes.notes()) {
                int x0 = layout.x(note.startSeconds());
                int x1 = layout.plotLeft() + (int) Math.ceil(note.endSeconds() * pixelsPerSecond);
                g.setColor(shade(VOICE_COLOURS[note.channel()], note.velocity()));
                g.fillRect(x0, layout.y(note.pitch()), Math.max(1, x1 - x0), pixelsPerPitch);
            }
            drawPitchAxis(g, layout);
            drawTimeAxis(g, layout);
            drawLegend(g, layout, legend(notes, labels));
            if (labels.primerEndSeconds().isPresent()) {
                drawPrimerMarker(g, layout, labels.primerEndSeconds().getAsDouble());
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Where {@link #render(NoteSequence, RollLabels)} puts the plot, the axes and the legend.
     *
     * @param notes at least one note
     * @param labels the primer end and voice names
     * @return the image and plot geometry
     * @throws UserError if there are no notes or the plot would be wider than
     *     {@value #MAX_WIDTH} pixels
     */
    public RollLayout layout(NoteSequence notes, RollLabels labels) {
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
        double seconds = seconds(notes, labels);
        long plotWidth = (long) Math.ceil(seconds * pixelsPerSecond) + 1;
        if (plotWidth > MAX_WIDTH) {
            throw new UserError(String.format(Locale.ROOT,
                    "%.1f s at %d pixels per second would be %d pixels wide (max %d)",
                    seconds, pixelsPerSecond, plotWidth, MAX_WIDTH));
        }
        int plotHeight = (high - low + 1) * pixelsPerPitch;
        FontMetrics metrics = metrics();
        int line = metrics.getHeight();
        int labelWidth = 0;
        for (int pitch = low; pitch <= high; pitch++) {
            labelWidth = Math.max(labelWidth, metrics.stringWidth(GeneralMidi.noteName(pitch)));
        }
        int left = PAD + labelWidth + TICK + PAD;
        List<LegendEntry> legend = legend(notes, labels);
        LegendSize legendSize = LegendSize.of(legend, metrics, Math.max((int) plotWidth, MIN_LEGEND_WIDTH));
        int top = PAD + legendSize.rows() * line + (labels.primerEndSeconds().isPresent() ? line : 0) + PAD;
        int bottom = TICK + line + PAD;
        int contentWidth = Math.max((int) plotWidth, legendSize.width());
        int right = PAD + metrics.stringWidth("00 s") / 2;
        return new RollLayout(left + contentWidth + right, top + plotHeight + bottom, left, top,
                (int) plotWidth, plotHeight, low, high, pixelsPerSecond, pixelsPerPitch);
    }

    /** The time the plot spans: to the end of the last note, or of the primer if later. */
    private static double seconds(NoteSequence notes, RollLabels labels) {
        return Math.max(notes.totalSeconds(), labels.primerEndSeconds().orElse(0));
    }

    /**
     * Renders and writes the PNG atomically.
     *
     * @param notes at least one note
     * @param png the target file
     */
    public void write(NoteSequence notes, Path png) {
        write(notes, png, RollLabels.none());
    }

    /**
     * Renders with labels and writes the PNG atomically.
     *
     * @param notes at least one note
     * @param png the target file
     * @param labels the primer end and voice names
     */
    public void write(NoteSequence notes, Path png, RollLabels labels) {
        PngFiles.write(render(notes, labels), png);
    }

    /**
     * @return seconds between time labels: the smallest of 1, 2, 5, 10, 15, 30, 60, 120, 300 and
     *     600 s that puts them at least {@value #MIN_TICK_PIXELS} pixels apart
     */
    int tickSeconds() {
        for (int step : TICK_STEPS) {
            if (step * pixelsPerSecond >= MIN_TICK_PIXELS) {
                return step;
            }
        }
        return TICK_STEPS[TICK_STEPS.length - 1];
    }

    private void drawGrid(Graphics2D g, RollLayout layout) {
        int right = layout.plotLeft() + layout.plotWidth();
        int bottom = layout.plotTop() + layout.plotHeight();
        g.setColor(GRID);
        for (int pitch = layout.lowPitch(); pitch <= layout.highPitch(); pitch++) {
            if (pitch % 12 == 0) {
                int y = layout.y(pitch) + pixelsPerPitch / 2;
                g.drawLine(layout.plotLeft(), y, right - 1, y);
            }
        }
        for (int second = 1; second * pixelsPerSecond < layout.plotWidth(); second++) {
            int x = layout.plotLeft() + second * pixelsPerSecond;
            g.drawLine(x, layout.plotTop(), x, bottom - 1);
        }
    }

    private void drawPitchAxis(Graphics2D g, RollLayout layout) {
        FontMetrics metrics = g.getFontMetrics();
        int axis = layout.plotLeft() - 1;
        g.setColor(AXIS);
        g.drawLine(axis, layout.plotTop(), axis, layout.plotTop() + layout.plotHeight() - 1);
        boolean anyC = false;
        for (int pitch = layout.lowPitch(); pitch <= layout.highPitch(); pitch++) {
            anyC |= pitch % 12 == 0;
        }
        for (int pitch = layout.lowPitch(); pitch <= layout.highPitch(); pitch++) {
            if (pitch % 12 == 0 || !anyC && pitch == layout.lowPitch() + MARGIN_PITCHES) {
                int y = layout.y(pitch) + pixelsPerPitch / 2;
                g.setColor(AXIS);
                g.drawLine(axis - TICK, y, axis, y);
                g.setColor(Pictures.TEXT);
                String name = GeneralMidi.noteName(pitch);
                g.drawString(name, axis - TICK - 2 - metrics.stringWidth(name),
                        y + metrics.getAscent() / 2 - 1);
            }
        }
    }

    private void drawTimeAxis(Graphics2D g, RollLayout layout) {
        FontMetrics metrics = g.getFontMetrics();
        int axis = layout.plotTop() + layout.plotHeight();
        g.setColor(AXIS);
        g.drawLine(layout.plotLeft() - 1, axis, layout.plotLeft() + layout.plotWidth() - 1, axis);
        int step = tickSeconds();
        for (int second = 0; (long) second * pixelsPerSecond < layout.plotWidth(); second += step) {
            int x = layout.plotLeft() + second * pixelsPerSecond;
            g.setColor(AXIS);
            g.drawLine(x, axis, x, axis + TICK);
            g.setColor(Pictures.TEXT);
            String label = second + " s";
            g.drawString(label, x - metrics.stringWidth(label) / 2,
                    axis + TICK + metrics.getAscent());
        }
    }

    private void drawLegend(Graphics2D g, RollLayout layout, List<LegendEntry> legend) {
        FontMetrics metrics = g.getFontMetrics();
        int wrap = Math.max(layout.plotWidth(), MIN_LEGEND_WIDTH);
        int x = layout.plotLeft();
        int y = PAD;
        for (LegendEntry entry : legend) {
            int w = entryWidth(entry, metrics);
            if (x > layout.plotLeft() && x - layout.plotLeft() + w > wrap) {
                x = layout.plotLeft();
                y += metrics.getHeight();
            }
            int swatchTop = y + (metrics.getHeight() - SWATCH) / 2;
            g.setColor(entry.colour());
            g.fillRect(x, swatchTop, SWATCH, SWATCH);
            g.setColor(Pictures.TEXT);
            g.drawString(entry.text(), x + SWATCH + 4, y + metrics.getAscent());
            x += w;
        }
    }

    private void drawPrimerMarker(Graphics2D g, RollLayout layout, double seconds) {
        FontMetrics metrics = g.getFontMetrics();
        int x = layout.x(seconds);
        int labelTop = layout.plotTop() - metrics.getHeight();
        g.setColor(PRIMER_MARKER);
        g.fillRect(x, labelTop, PRIMER_MARKER_WIDTH, layout.plotTop() + layout.plotHeight() - labelTop);
        int baseline = labelTop + metrics.getAscent();
        g.drawString("primer", x - 3 - metrics.stringWidth("primer"), baseline);
        g.drawString("generated", x + PRIMER_MARKER_WIDTH + 3, baseline);
    }

    /**
     * @param notes the notes
     * @param labels the voice names
     * @return the legend's names, one per channel in ascending channel order
     */
    static List<String> legendNames(NoteSequence notes, RollLabels labels) {
        return legend(notes, labels).stream().map(LegendEntry::text).toList();
    }

    /** One legend entry per channel, ascending: the given name or the channel's program. */
    private static List<LegendEntry> legend(NoteSequence notes, RollLabels labels) {
        List<LegendEntry> entries = new ArrayList<>();
        for (int channel : notes.channels()) {
            String name = labels.voiceNames().get(channel);
            if (name == null) {
                int program = notes.notes().stream().filter(n -> n.channel() == channel)
                        .findFirst().orElseThrow().program();
                name = "ch " + (channel + 1) + ": " + (channel == DRUMS ? "drums"
                        : GeneralMidi.programName(program));
            }
            entries.add(new LegendEntry(name, VOICE_COLOURS[channel]));
        }
        return entries;
    }

    /** Rows and width of the legend wrapped at {@code wrap} pixels, as {@link #drawLegend} lays it out. */
    private record LegendSize(int rows, int width) {
        static LegendSize of(List<LegendEntry> legend, FontMetrics metrics, int wrap) {
            int rows = 1;
            int widest = 0;
            int x = 0;
            for (LegendEntry entry : legend) {
                int w = entryWidth(entry, metrics);
                if (x > 0 && x + w > wrap) {
                    rows++;
                    x = 0;
                }
                x += w;
                widest = Math.max(widest, x);
            }
            return new LegendSize(rows, widest);
        }
    }

    private static int entryWidth(LegendEntry entry, FontMetrics metrics) {
        return SWATCH + 4 + metrics.stringWidth(entry.text()) + LEGEND_GAP;
    }

    private static FontMetrics metrics() {
        Graphics2D g = Pictures.graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        try {
            return g.getFontMetrics();
        } finally {
            g.dispose();
        }
    }

    /** A legend line: a colour swatch and a name. */
    private record LegendEntry(String text, Color colour) {
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

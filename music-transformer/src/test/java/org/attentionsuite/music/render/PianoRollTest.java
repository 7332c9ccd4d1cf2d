package org.attentionsuite.music.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PianoRollTest {

    private static final Color BLUE = new Color(31, 119, 180);      // voice 0
    private static final Color GRID = new Color(225, 225, 225);

    @TempDir
    Path dir;

    @Test
    void drawsNotesWhereTheyAreWithVoiceColourAndVelocityShade() throws IOException {
        PianoRoll roll = new PianoRoll(10, 3);
        NoteSequence notes = NoteSequence.of(
                new Note(60, 127, 0.0, 1.0, 0, 0),      // loud, voice 0
                new Note(64, 20, 1.0, 2.0, 0, 0),       // soft, voice 0
                new Note(67, 127, 0.5, 1.5, 0, 1));     // loud, voice 1
        Path png = dir.resolve("roll.png");
        roll.write(notes, png);
        BufferedImage image = ImageIO.read(png.toFile());
        RollLayout layout = roll.layout(notes, RollLabels.none());
        assertEquals(layout.width(), image.getWidth());
        assertEquals(layout.height(), image.getHeight());
        // pitches 58..69 (two semitones of margin) at 3 px, 2 s at 10 px + 1
        assertEquals(21, layout.plotWidth());
        assertEquals(12 * 3, layout.plotHeight());
        assertEquals(58, layout.lowPitch());
        assertEquals(69, layout.highPitch());
        Color loud0 = at(image, layout.plotLeft() + 5, layout.y(60) + 1);
        Color soft0 = at(image, layout.plotLeft() + 15, layout.y(64) + 1);
        Color loud1 = at(image, layout.plotLeft() + 10, layout.y(67) + 1);
        assertEquals(PianoRoll.shade(BLUE, 127), loud0);
        assertEquals(PianoRoll.shade(BLUE, 20), soft0);
        assertNotEquals(loud0, loud1, "each voice has its own colour");
        // C4 has ended at 1 s: only the faint line that marks every C remains on its row
        assertEquals(GRID, at(image, layout.plotLeft() + 15, layout.y(60) + 1));
        assertEquals(Color.WHITE, at(image, layout.plotLeft() + 5, layout.y(62) + 1),
                "nothing plays D4");
        int brightnessLoud = loud0.getRed() + loud0.getGreen() + loud0.getBlue();
        int brightnessSoft = soft0.getRed() + soft0.getGreen() + soft0.getBlue();
        assertTrue(brightnessSoft > brightnessLoud, "soft notes are paler");
    }

    @Test
    void marginsHoldThePitchNamesTheTimeLabelsAndTheLegend() {
        PianoRoll roll = new PianoRoll(20, 4);
        NoteSequence notes = NoteSequence.of(new Note(48, 100, 0, 2), new Note(72, 100, 1, 3));
        BufferedImage image = roll.render(notes);
        RollLayout layout = roll.layout(notes, RollLabels.none());
        // the plot: 3 s at 20 px + 1, pitches 46..74 at 4 px, framed by margins on every side
        assertEquals(61, layout.plotWidth());
        assertEquals(29 * 4, layout.plotHeight());
        assertTrue(layout.plotLeft() > 20, "room for the pitch names: " + layout);
        assertTrue(layout.plotTop() > 10, "room for the legend: " + layout);
        int below = layout.height() - layout.plotTop() - layout.plotHeight();
        assertTrue(below > 10, "room for the time labels: " + layout);
        assertTrue(image.getWidth() > layout.plotLeft() + layout.plotWidth());
        // text (dark pixels) beside the rows of C3, C4 and C5, and none beside D4
        for (int pitch : new int[] {48, 60, 72}) {
            assertTrue(darkPixels(image, 0, layout.plotLeft() - 5, layout.y(pitch) - 3,
                    layout.y(pitch) + 6) > 5, "no name beside pitch " + pitch);
        }
        assertEquals(0, darkPixels(image, 0, layout.plotLeft() - 5, layout.y(64) - 1,
                layout.y(64) + 2), "E4 is not named");
        // "0 s", "1 s", "2 s" and "3 s" below their ticks (20 px per second: a label every 2 s)
        assertEquals(2, roll.tickSeconds());
        int axis = layout.plotTop() + layout.plotHeight();
        for (int second : new int[] {0, 2}) {
            int x = layout.x(second);
            assertTrue(darkPixels(image, x - 8, x + 8, axis + 4, layout.height()) > 5,
                    "no label at " + second + " s");
        }
        // the legend's colour swatch of channel 0 above the plot
        int swatch = 0;
        for (int y = 0; y < layout.plotTop(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                swatch += at(image, x, y).equals(BLUE) ? 1 : 0;
            }
        }
        assertEquals(9 * 9, swatch, "one 9x9 swatch of the channel's colour");
    }

    @Test
    void theLegendNamesEachChannel() {
        NoteSequence notes = NoteSequence.of(new Note(60, 100, 0, 1, 0, 0),
                new Note(40, 100, 0, 1, 33, 1), new Note(64, 100, 0, 1, 52, 3));
        assertEquals(List.of("ch 1: Acoustic Grand Piano", "ch 2: Electric Bass (finger)",
                "ch 4: Choir Aahs"), PianoRoll.legendNames(notes, RollLabels.none()));
        assertEquals(List.of("soprano", "ch 2: Electric Bass (finger)", "bass"),
                PianoRoll.legendNames(notes, RollLabels.none().withVoiceNames(
                        Map.of(0, "soprano", 3, "bass", 7, "unused"))));
    }

    @Test
    void thePrimerMarkerIsAVerticalLineAtThePrimersEnd() {
        PianoRoll roll = new PianoRoll(10, 3);
        NoteSequence notes = NoteSequence.of(new Note(60, 127, 0.0, 4.0), new Note(62, 60, 1.0, 3.0));
        RollLabels labels = RollLabels.none().withPrimerEnd(1.5);
        BufferedImage marked = roll.render(notes, labels);
        RollLayout layout = roll.layout(notes, labels);
        int x = layout.plotLeft() + 15;                         // 1.5 s at 10 px per second
        assertEquals(x, layout.x(1.5));
        for (int column = x; column < x + PianoRoll.PRIMER_MARKER_WIDTH; column++) {
            for (int y = layout.plotTop(); y < layout.plotTop() + layout.plotHeight(); y++) {
                assertEquals(PianoRoll.PRIMER_MARKER, at(marked, column, y),
                        "marker pixel at (" + column + ", " + y + ")");
            }
        }
        // the columns beside it show the notes, not the marker
        assertEquals(PianoRoll.shade(BLUE, 127), at(marked, x - 1, layout.y(60) + 1));
        assertEquals(PianoRoll.shade(BLUE, 127),
                at(marked, x + PianoRoll.PRIMER_MARKER_WIDTH, layout.y(60) + 1));
        // "primer" and "generated" are written above the plot on both sides of the line
        assertTrue(darkPixels(marked, x - 40, x - 2, 0, layout.plotTop()) > 5);
        assertTrue(darkPixels(marked, x + 4, x + 50, 0, layout.plotTop()) > 5);
        // the marker needs room for its label; without a primer there is no such line
        RollLayout plain = roll.layout(notes, RollLabels.none());
        assertTrue(layout.plotTop() > plain.plotTop());
        BufferedImage unmarked = roll.render(notes);
        assertFalse(PianoRoll.PRIMER_MARKER.equals(at(unmarked, plain.x(1.5), plain.y(60) + 1)));
    }

    @Test
    void aPrimerEndingAfterTheNotesWidensThePlot() {
        PianoRoll roll = new PianoRoll(10, 3);
        NoteSequence notes = NoteSequence.of(new Note(60, 100, 0, 1));
        RollLayout layout = roll.layout(notes, RollLabels.none().withPrimerEnd(2.0));
        assertEquals(21, layout.plotWidth());
    }

    @Test
    void aFittingRollIsTheStandardOneUnlessTheMusicIsTooLongForIt() {
        NoteSequence underTenMinutes = NoteSequence.of(new Note(60, 80, 0, 599));
        assertEquals(PianoRoll.standard(), PianoRoll.fitting(underTenMinutes, RollLabels.none()));
        NoteSequence longNote = NoteSequence.of(new Note(60, 80, 0, 1000));
        assertEquals(new PianoRoll(29, 4), PianoRoll.fitting(longNote, RollLabels.none()));  // 29,001 pixels
        assertEquals(new PianoRoll(14, 4), PianoRoll.fitting(underTenMinutes, RollLabels.none().withPrimerEnd(2000)));
        NoteSequence day = NoteSequence.of(new Note(60, 80, 0, 86_400));
        assertEquals(new PianoRoll(1, 4), PianoRoll.fitting(day, RollLabels.none()));
    }

    @Test
    void validatesScalesSizeAndLabels() {
        assertEquals("pixelsPerSecond (0) must be in 1..1000",
                assertThrows(IllegalArgumentException.class, () -> new PianoRoll(0, 4)).getMessage());
        assertEquals("a piano roll needs at least one note",
                assertThrows(IllegalArgumentException.class,
                        () -> PianoRoll.standard().render(NoteSequence.empty())).getMessage());
        NoteSequence longNote = NoteSequence.of(new Note(60, 80, 0, 1000));
        assertEquals("1000.0 s at 50 pixels per second would be 50001 pixels wide (max 30000)",
                assertThrows(IllegalArgumentException.class,
                        () -> PianoRoll.standard().render(longNote)).getMessage());
        assertEquals("primer end (-1.0 s) must be finite and >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> RollLabels.none().withPrimerEnd(-1)).getMessage());
        assertEquals("voice channel (16) must be in 0..15",
                assertThrows(IllegalArgumentException.class,
                        () -> RollLabels.none().withVoiceNames(Map.of(16, "x"))).getMessage());
    }

    private static int darkPixels(BufferedImage image, int x0, int x1, int y0, int y1) {
        int count = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x1); x++) {
                Color c = at(image, x, y);
                count += c.getRed() + c.getGreen() + c.getBlue() < 3 * 140 ? 1 : 0;
            }
        }
        return count;
    }

    private static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }
}

package org.attentionsuite.music.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PianoRollTest {

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
        // pitches 58..69 (two semitones of margin) at 3 px, 2 s at 10 px + 1
        assertEquals(21, image.getWidth());
        assertEquals(12 * 3, image.getHeight());
        Color loud0 = at(image, 5, (69 - 60) * 3 + 1);
        Color soft0 = at(image, 15, (69 - 64) * 3 + 1);
        Color loud1 = at(image, 10, (69 - 67) * 3 + 1);
        assertEquals(PianoRoll.shade(new Color(31, 119, 180), 127), loud0);
        assertEquals(PianoRoll.shade(new Color(31, 119, 180), 20), soft0);
        assertNotEquals(loud0, loud1, "each voice has its own colour");
        // C4 has ended at 1 s: only the faint line that marks every C remains on its row
        assertEquals(new Color(225, 225, 225), at(image, 15, (69 - 60) * 3 + 1));
        assertEquals(Color.WHITE, at(image, 5, (69 - 62) * 3 + 1), "nothing plays D4");
        int brightnessLoud = loud0.getRed() + loud0.getGreen() + loud0.getBlue();
        int brightnessSoft = soft0.getRed() + soft0.getGreen() + soft0.getBlue();
        assertTrue(brightnessSoft > brightnessLoud, "soft notes are paler");
    }

    @Test
    void validatesScalesAndSize() {
        assertEquals("pixelsPerSecond (0) must be in 1..1000",
                assertThrows(IllegalArgumentException.class, () -> new PianoRoll(0, 4)).getMessage());
        assertEquals("a piano roll needs at least one note",
                assertThrows(IllegalArgumentException.class,
                        () -> PianoRoll.standard().render(NoteSequence.empty())).getMessage());
        NoteSequence longNote = NoteSequence.of(new Note(60, 80, 0, 1000));
        assertEquals("1000.0 s at 50 pixels per second would be 50001 pixels wide (max 30000)",
                assertThrows(IllegalArgumentException.class,
                        () -> PianoRoll.standard().render(longNote)).getMessage());
    }

    private static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }
}

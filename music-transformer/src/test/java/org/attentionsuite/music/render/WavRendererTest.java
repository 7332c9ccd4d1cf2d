package org.attentionsuite.music.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.attentionsuite.music.midi.Note;
import org.attentionsuite.music.midi.NoteSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRendererTest {

    @TempDir
    Path dir;

    @Test
    void rendersAudibleStereoWavOfTheExpectedLength()
            throws IOException, UnsupportedAudioFileException {
        NoteSequence chord = NoteSequence.of(
                new Note(60, 110, 0.0, 1.0, 0, 0),
                new Note(64, 110, 0.0, 1.0, 0, 0),
                new Note(48, 100, 0.5, 1.5, 32, 1));
        Path wav = dir.resolve("chord.wav");
        double seconds = new WavRenderer().render(chord, wav);
        assertEquals(1.5 + WavRenderer.TAIL_SECONDS, seconds, 1e-3);

        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            assertEquals(44_100f, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(2, format.getChannels());
            assertEquals(Math.ceil(2.5 * 44_100), in.getFrameLength(), 1.0);
            byte[] pcm = in.readAllBytes();
            assertEquals(in.getFrameLength() * 4, pcm.length);
            double during = rms(pcm, format, 0.1, 1.4);
            double tailEnd = rms(pcm, format, 2.4, 2.5);
            assertTrue(during > 300, "RMS while the chord plays: " + during);
            assertTrue(tailEnd < during / 4, "RMS at the end " + tailEnd + " vs " + during);
        }
    }

    @Test
    void fallsBackToTheJdkSoundBankWithoutSoundFont() throws IOException, UnsupportedAudioFileException {
        WavRenderer renderer = new WavRenderer(dir.resolve("no-such.sf2"));
        assertTrue(renderer.soundFont().isEmpty());
        Path wav = dir.resolve("fallback.wav");
        renderer.render(NoteSequence.of(new Note(69, 120, 0.0, 0.5)), wav);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] pcm = in.readAllBytes();
            assertTrue(rms(pcm, in.getFormat(), 0.05, 0.5) > 300, "the note is audible");
        }
    }

    /** Root mean square of the 16-bit little-endian samples between two times. */
    private static double rms(byte[] pcm, AudioFormat format, double from, double to) {
        int frameSize = format.getFrameSize();
        int first = (int) (from * format.getSampleRate());
        int last = Math.min(pcm.length / frameSize, (int) (to * format.getSampleRate()));
        double sum = 0;
        long count = 0;
        for (int frame = first; frame < last; frame++) {
            for (int channel = 0; channel < 2; channel++) {
                int at = frame * frameSize + channel * 2;
                short sample = (short) ((pcm[at] & 0xFF) | (pcm[at + 1] << 8));
                sum += (double) sample * sample;
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }
}

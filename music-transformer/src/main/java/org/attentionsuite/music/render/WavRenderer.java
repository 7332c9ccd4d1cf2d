package org.attentionsuite.music.render;

import com.sun.media.sound.AudioSynthesizer;
import com.sun.media.sound.SoftSynthesizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Soundbank;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.attentionsuite.core.UserError;
import org.attentionsuite.core.io.AtomicFiles;
import org.attentionsuite.music.MusicDataException;
import org.attentionsuite.music.midi.MidiWriter;
import org.attentionsuite.music.midi.NoteSequence;
import org.attentionsuite.music.midi.TempoMap;

/**
 * Renders notes to a 16-bit stereo 44.1 kHz WAV file with the JDK software synthesizer
 * (Gervill, {@code com.sun.media.sound.SoftSynthesizer}) running offline: the synthesizer is
 * opened as an audio stream, every MIDI channel message is sent with its timestamp in
 * microseconds, and the stream is read for the duration of the sequence plus a one second tail.
 * A SoundFont is used when its file exists (by default Debian's {@value #DEFAULT_SOUNDFONT}),
 * otherwise the JDK's default sound bank.
 *
 * <p>The JVM needs {@code --add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED}.
 */
public final class WavRenderer {

    /** SoundFont used by {@link #WavRenderer()} when present. */
    public static final String DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/TimGM6mb.sf2";
    /** Output sample rate in Hz. */
    public static final float SAMPLE_RATE = 44_100f;
    /** Seconds rendered after the last event, for release and reverb. */
    public static final double TAIL_SECONDS = 1.0;
    /** The output format: 16-bit signed little-endian stereo at 44.1 kHz. */
    public static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 2, true, false);

    /** Gervill's stream option that skips loading (or generating) the default sound bank. */
    private static final String LOAD_DEFAULT_SOUNDBANK = "load default soundbank";

    private final Path soundFont;

    /** A renderer with {@value #DEFAULT_SOUNDFONT} when present, else the JDK sound bank. */
    public WavRenderer() {
        this(Path.of(DEFAULT_SOUNDFONT));
    }

    /**
     * @param soundFont a SoundFont (.sf2) or DLS file; when it does not exist the JDK default
     *     sound bank is used instead
     */
    public WavRenderer(Path soundFont) {
        this.soundFont = Objects.requireNonNull(soundFont, "soundFont");
    }

    /** @return the SoundFont that will be used, if its file exists */
    public Optional<Path> soundFont() {
        return Files.isRegularFile(soundFont) ? Optional.of(soundFont) : Optional.empty();
    }

    /**
     * Renders notes (as written by {@link MidiWriter#toSequence(NoteSequence)}) to a WAV file.
     *
     * @param notes the notes
     * @param wav the target file, replaced atomically
     * @return the length of the audio in seconds
     */
    public double render(NoteSequence notes, Path wav) {
        return render(MidiWriter.toSequence(notes), wav);
    }

    /**
     * Renders a MIDI sequence to a WAV file.
     *
     * @param sequence the sequence
     * @param wav the target file, replaced atomically
     * @return the length of the audio in seconds
     */
    public double render(Sequence sequence, Path wav) {
        byte[] pcm = renderPcm(sequence);
        long frames = pcm.length / FORMAT.getFrameSize();
        AtomicFiles.write(wav, out -> {
            try (AudioInputStream audio = new AudioInputStream(
                    new ByteArrayInputStream(pcm), FORMAT, frames)) {
                AudioSystem.write(audio, AudioFileFormat.Type.WAVE, out);
            }
        });
        return frames / (double) SAMPLE_RATE;
    }

    /**
     * Renders a MIDI sequence to raw PCM in {@link #FORMAT}.
     *
     * @param sequence the sequence
     * @return interleaved 16-bit little-endian stereo samples, duration plus the tail
     */
    public byte[] renderPcm(Sequence sequence) {
        TempoMap tempo = TempoMap.of(sequence);
        double seconds = tempo.seconds(sequence.getTickLength()) + TAIL_SECONDS;
        long frames = (long) Math.ceil(seconds * SAMPLE_RATE);
        long bytes = frames * FORMAT.getFrameSize();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new UserError(String.format(
                    "%.0f s of audio is too long to render in memory", seconds));
        }
        Optional<Path> font = soundFont();
        Synthesizer synthesizer = new SoftSynthesizer();
        AudioSynthesizer audioSynthesizer = (AudioSynthesizer) synthesizer;
        try (AudioInputStream stream = audioSynthesizer.openStream(FORMAT,
                Map.of(LOAD_DEFAULT_SOUNDBANK, font.isEmpty()))) {
            if (font.isPresent()) {
                synthesizer.loadAllInstruments(loadSoundbank(font.get()));
            }
            Receiver receiver = synthesizer.getReceiver();
            for (MidiEvent event : channelEvents(sequence)) {
                long micros = Math.round(tempo.seconds(event.getTick()) * 1e6);
                receiver.send(event.getMessage(), micros);
            }
            return readFully(stream, (int) bytes);
        } catch (MidiUnavailableException e) {
            throw new IllegalStateException("software synthesizer unavailable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("software synthesizer failed: " + e.getMessage(), e);
        } finally {
            synthesizer.close();
        }
    }

    private static Soundbank loadSoundbank(Path file) {
        try {
            return MidiSystem.getSoundbank(file.toFile());
        } catch (InvalidMidiDataException | IOException e) {
            throw MusicDataException.of(file.toString(),
                    "not a usable SoundFont (" + e.getMessage() + ")", e);
        }
    }

    /** The channel messages of all tracks, by tick (ties keep track order). */
    private static List<MidiEvent> channelEvents(Sequence sequence) {
        List<MidiEvent> events = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof ShortMessage) {
                    events.add(track.get(i));
                }
            }
        }
        events.sort(Comparator.comparingLong(MidiEvent::getTick));
        return events;
    }

    private static byte[] readFully(InputStream stream, int length) throws IOException {
        byte[] buffer = new byte[length];
        int filled = 0;
        while (filled < length) {
            int read = stream.read(buffer, filled, length - filled);
            if (read < 0) {
                throw new IOException("audio stream ended after " + filled + " of " + length
                        + " bytes");
            }
            filled += read;
        }
        return buffer;
    }
}
